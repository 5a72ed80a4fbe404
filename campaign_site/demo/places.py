"""Demo places and attendance: the two-day workshop is fully booked under balance rules,
with a waiting list and a place on offer; the campaign's past events show who came.

Added by `load_demo_content` with the other demo registrations (the test suite builds the
site without them). Idempotent: a workshop with balance rules and a past event with
registrations are left alone.
"""

import datetime
import itertools

from django.utils import timezone

from events.models import BalanceRule, EventPage, Registration, RegistrationList
from events.registration.services import cancel_registration, register_for_event
from home.models import Region

WORKSHOP = "werkstatt-partnerschaften-praxis"
# At most 40 % of the workshop's places for the private sector, at least 6 for civil
# society and 4 for people from Africa: the rules the public form states.
RULES = [
    ("private-sector", "", BalanceRule.Limit.AT_MOST_PERCENT, 40),
    ("civil-society", "", BalanceRule.Limit.AT_LEAST, 6),
    ("", "africa", BalanceRule.Limit.AT_LEAST, 4),
]
# The countries that count for a region in the demo's balance rules.
REGION_COUNTRIES = {
    "africa": ["BF", "CM", "GH", "KE", "MA", "NG", "SN", "ZA"],
    "unece": ["AT", "BE", "CH", "DE", "FR", "GB", "NL", "PL", "SE", "US"],
}

FIRST_NAMES = {
    "de": ["Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie", "Tim", "Clara", "Moritz"],
    "en": ["Amara", "Kwame", "Sarah", "James", "Wanjiru", "Tom", "Priya", "Oliver", "Ngozi"],
    "fr": ["Awa", "Moussa", "Camille", "Hugo", "Fatou", "Louis", "Inès", "Ousmane", "Léa"],
}
LAST_NAMES = {
    "de": ["Wagner", "Krüger", "Neumann", "Schulz", "Brandt", "Lorenz", "Vogel", "Roth"],
    "en": ["Mensah", "Kamau", "Okafor", "Miller", "Patel", "Evans", "Achieng", "Bright"],
    "fr": ["Diallo", "Traoré", "Martin", "Ndiaye", "Bernard", "Camara", "Lefèvre", "Diop"],
}
# (group, country, language) of the workshop's registrants, in the order they registered:
# the private sector fills its 40 % quickly; civil society and Africa come later.
WORKSHOP_PEOPLE = (
    [("private-sector", "DE", "de")] * 7
    + [("private-sector", "GB", "en")] * 5
    + [("government", "DE", "de")] * 4
    + [("academia", "NL", "en")] * 3
    + [("civil-society", "SN", "fr")] * 3
    + [("civil-society", "KE", "en")] * 2
    + [("un-multilateral", "CH", "fr")] * 2
    + [("government", "GH", "en")] * 2
    + [("philanthropy", "FR", "fr")] * 2
    # Full by now: these wait (two more from the private sector, over its cap).
    + [("private-sector", "DE", "de")] * 2
    + [("civil-society", "BF", "fr"), ("academia", "DE", "de")]
)

# The campaign's past events: who registered and who came, per stakeholder group
# (registered, attended). Their registrations are long anonymised; the counts remain.
PAST_ATTENDANCE = {
    "side-event-ecosoc-partnership-forum-2023": {
        "government": (14, 12),
        "civil-society": (11, 9),
        "private-sector": (6, 4),
        "academia": (5, 5),
        "un-multilateral": (9, 8),
    },
    "partnerschaftssymposium-sdg-gipfel-2023": {
        "government": (22, 17),
        "civil-society": (18, 15),
        "private-sector": (12, 7),
        "academia": (9, 8),
        "un-multilateral": (15, 13),
        "philanthropy": (4, 3),
    },
}


def ensure_region_countries():
    """The regions name their countries (the same in every language)."""
    for slug, countries in REGION_COUNTRIES.items():
        for region in Region.objects.filter(slug=slug):
            if not region.countries:
                region.countries = countries
                region.save(update_fields=["countries"])


def _people():
    """Endless distinct (first, last) names per language."""
    return {
        language: (
            f"{first} {last}"
            for last, first in itertools.product(LAST_NAMES[language], FIRST_NAMES[language])
        )
        for language in FIRST_NAMES
    }


def ensure_balanced_workshop(log):
    """Set the workshop's balance rules and register more people under them (after the
    three of `registrations.PEOPLE`) until it is full and people wait; then one cancels:
    their place is offered to the person waiting who restores the balance."""
    source = EventPage.objects.filter(slug=WORKSHOP, locale__language_code="de").first()
    if source is None:
        return
    key = source.translation_key
    registration_list, _created = RegistrationList.objects.get_or_create(event_key=key)
    if registration_list.balance_rules.exists():
        return
    for group, region, limit, number in RULES:
        BalanceRule.objects.get_or_create(
            registration_list=registration_list,
            stakeholder_group=group,
            region=region,
            limit=limit,
            number=number,
        )
    versions = {
        page.locale.language_code: page
        for page in EventPage.objects.filter(translation_key=key).select_related("locale")
    }
    names = _people()
    registered = []
    for number, (group, country, language) in enumerate(WORKSHOP_PEOPLE, start=1):
        name = next(names[language])
        registered.append(
            register_for_event(
                versions.get(language, source),
                language=language,
                by_staff=True,
                name=name,
                email=f"workshop-{number:02d}@example.org",
                organisation="",
                stakeholder_group=group,
                country=country,
            )
        )
    # A government participant cannot come after all: the freed place is offered on.
    leaving = next(
        person
        for person in registered
        if person.stakeholder_group == "government"
        and person.status == Registration.Status.CONFIRMED
    )
    cancel_registration(leaving)
    statuses = Registration.objects.filter(event_key=key).values_list("status", flat=True)
    log(
        f"Registered {len(registered)} demo people for “{source.title}” "
        f"({', '.join(sorted(set(statuses)))})."
    )


def ensure_past_attendance(log):
    """Anonymised registrations with their attendance for the campaign's past events."""
    now = timezone.now()
    for slug, groups in PAST_ATTENDANCE.items():
        source = EventPage.objects.filter(slug=slug, locale__language_code="de").first()
        if source is None or Registration.objects.filter(event_key=source.translation_key).exists():
            continue
        registered_at = source.starts_at - datetime.timedelta(days=20)
        rows = []
        for group, (count, attended) in groups.items():
            for index in range(count):
                rows.append(
                    Registration(
                        event_key=source.translation_key,
                        page=source,
                        language=("de", "en", "fr")[index % 3],
                        status=Registration.Status.CONFIRMED,
                        name="",
                        # Anonymised addresses, as the retention job writes them.
                        email=f"anonymised-{source.pk}-{len(rows)}@invalid",
                        stakeholder_group=group,
                        consent_at=registered_at,
                        attendance=(
                            Registration.Attendance.ATTENDED
                            if index < attended
                            else Registration.Attendance.NO_SHOW
                        ),
                        attendance_source="door",
                        checked_in_at=source.starts_at if index < attended else None,
                        anonymised_at=now,
                    )
                )
        created = Registration.objects.bulk_create(rows)
        log(f"Recorded the attendance of {len(created)} people at “{source.title}”.")
