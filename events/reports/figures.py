"""The figures of a report: registrations, attendance and the stakeholder mix, per event
and for the whole campaign, counted in one query however many events are asked for.

Rows count whatever their state: anonymised registrations keep their status, stakeholder
group and attendance, so they count like any other; registrations deleted since are counted
from the event's `RegistrationList.archived_counts` ({group slug: {"confirmed": n,
"attended": n, "no_show": n, ...}}, a status or "attended"/"no_show" per key). No figure
names or describes a person.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from home.localization import default_locale

from ..models import EventPage, Registration, RegistrationList
from ..registration.display import stakeholder_group_names
from ..registration.services import HOLDING_A_PLACE

__all__ = [
    "Figures",
    "campaign_figures",
    "event_figures",
    "figures_for",
    "group_label",
    "listed_events_figures",
    "mix",
    "summary_numbers",
]

STATUSES = {status for status, _label in Registration.Status.choices}
ATTENDED = Registration.Attendance.ATTENDED
NO_SHOW = Registration.Attendance.NO_SHOW


COUNTED = (
    "registrations",
    "confirmed",
    "waiting",
    "open",
    "cancelled",
    "attended",
    "no_shows",
    "held",
)


@dataclass
class Counts:
    """Counts of one event, one stakeholder group of it, or the whole campaign."""

    registrations: int = 0
    confirmed: int = 0
    waiting: int = 0
    # A place offered, or an address not confirmed yet: not decided yet.
    open: int = 0
    cancelled: int = 0
    attended: int = 0
    no_shows: int = 0
    # Places held now (see `HOLDING_A_PLACE`): for the listings' "confirmed / places".
    held: int = 0

    def add(self, other):
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recorded(self):
        """People whose attendance was recorded (came, or did not come)."""
        return self.attended + self.no_shows

    @property
    def no_show_rate(self):
        """No-shows among the people whose attendance was recorded (0 to 1); None when
        nobody's attendance was recorded (a rate of 0 % would claim everyone came)."""
        return self.no_shows / self.recorded if self.recorded else None

    @property
    def no_show_percent(self):
        """The no-show rate in whole per cent (None when no attendance was recorded)."""
        rate = self.no_show_rate
        return None if rate is None else round(rate * 100)


@dataclass
class Figures(Counts):
    """An event's (or the campaign's) counts, with the same counts per stakeholder group
    (by slug; "" for registrations that named none)."""

    groups: dict = field(default_factory=dict)

    def group(self, slug):
        return self.groups.setdefault(slug, Counts())

    def add(self, other):
        super().add(other)
        for slug, counts in other.groups.items():
            self.group(slug).add(counts)

    def count(self, slug, counts):
        """Add `counts` (of one group) to the group and to the totals."""
        self.group(slug).add(counts)
        Counts.add(self, counts)


# Every registration counts in one of the four columns, so they add up to the total: a
# place offered or an address not confirmed yet is still "open", a lapsed registration
# came to nothing ("cancelled").
COLUMN_OF_STATUS = {
    "confirmed": "confirmed",
    "waiting": "waiting",
    "offered": "open",
    "pending": "open",
    "cancelled": "cancelled",
    "expired": "cancelled",
}


def _counts_of_rows(status, attendance, number, held):
    counts = Counts(registrations=number, held=held)
    if status in COLUMN_OF_STATUS:
        setattr(counts, COLUMN_OF_STATUS[status], number)
    if attendance == ATTENDED:
        counts.attended = number
    elif attendance == NO_SHOW:
        counts.no_shows = number
    return counts


def _archived(numbers):
    """The counts kept for one group's deleted registrations (non-numbers ignored)."""

    def number(key):
        value = numbers.get(key, 0)
        return value if isinstance(value, int) and value > 0 else 0

    registrations = (
        number("registrations")
        or sum(number(status) for status in STATUSES)
        or number(ATTENDED) + number(NO_SHOW)
    )
    return Counts(
        registrations=registrations,
        confirmed=number("confirmed"),
        waiting=number("waiting"),
        cancelled=number("cancelled"),
        attended=number(ATTENDED),
        no_shows=number(NO_SHOW),
    )


def figures_for(event_keys):
    """Figures per event key, for every key in `event_keys` (two queries in all). Given as
    a queryset of keys, they are a subquery of both, and only keys with registrations or
    archived counts are in the result."""
    if isinstance(event_keys, QuerySet):
        keys, result = event_keys, defaultdict(Figures)
    else:
        keys = list(event_keys)
        result = {key: Figures() for key in keys}
    rows = (
        Registration.objects.filter(event_key__in=keys)
        .values("event_key", "stakeholder_group", "status", "attendance")
        .annotate(number=Count("pk"), held=Count("pk", filter=HOLDING_A_PLACE))
        .order_by()
    )
    for row in rows:
        result[row["event_key"]].count(
            row["stakeholder_group"],
            _counts_of_rows(row["status"], row["attendance"], row["number"], row["held"]),
        )
    archives = RegistrationList.objects.filter(event_key__in=keys).exclude(archived_counts={})
    for key, archived in archives.values_list("event_key", "archived_counts"):
        for slug, numbers in (archived or {}).items():
            if isinstance(numbers, dict):
                result[key].count(slug, _archived(numbers))
    return result


def listed_events_figures(events):
    """Figures of a listing's `events` by translation key, counted at once; their
    registration settings (left behind by listings that defer stream fields) are loaded in
    one query too, so reading each event's places asks the database nothing more."""
    settings = dict(
        EventPage.objects.filter(pk__in=[event.pk for event in events]).values_list(
            "pk", "registration"
        )
    )
    for event in events:
        if "registration" not in event.__dict__ and event.pk in settings:
            event.registration = settings[event.pk]
    return figures_for({event.translation_key for event in events})


def summary_numbers(by_key, event):
    """`event`'s numbers as `services.counts` gives them (confirmed, waiting, places held),
    from figures counted at once (`by_key`)."""
    figures = by_key[event.translation_key]
    return {"confirmed": figures.confirmed, "waiting": figures.waiting, "held": figures.held}


def event_figures(event):
    """The figures of one event (any language version of it)."""
    return figures_for([event.translation_key])[event.translation_key]


def _keys_with_registrations():
    keys = set(Registration.objects.values_list("event_key", flat=True).distinct().order_by())
    keys.update(
        RegistrationList.objects.exclude(archived_counts={}).values_list("event_key", flat=True)
    )
    return keys


def campaign_figures():
    """(total, [(event, figures), ...]) for every event that has (or had) registrations,
    latest first; each event is its source-language version. Lists of events whose pages
    are all gone are left out of the rows but kept in the total."""
    by_key = figures_for(_keys_with_registrations())
    events = {}
    pages = (
        EventPage.objects.filter(translation_key__in=list(by_key))
        .defer_streamfields()
        .order_by("-start_date", "pk")
    )
    source = default_locale().pk
    for page in pages:
        # The source version names the event; another version only when it is gone.
        if page.translation_key not in events or page.locale_id == source:
            events[page.translation_key] = page
    total = Figures()
    for numbers in by_key.values():
        total.add(numbers)
    rows = sorted(
        ((events[key], numbers) for key, numbers in by_key.items() if key in events),
        key=lambda item: (item[0].start_date, item[0].pk),
        reverse=True,
    )
    return total, rows


def group_label(slug, names):
    """A group's name in the active language; words for "none given" and gone groups."""
    if not slug:
        return _("No group given")
    return names.get(slug, slug)


def mix(figures, names=None):
    """The stakeholder mix: [(group name, counts)] in the order of the groups' names, with
    registrations that named no group last; groups with no registration at all are left out."""
    names = stakeholder_group_names() if names is None else names
    present = {
        slug: counts
        for slug, counts in figures.groups.items()
        if counts.registrations or counts.attended or counts.no_shows
    }
    order = list(names) + sorted(slug for slug in present if slug and slug not in names) + [""]
    return [(group_label(slug, names), present[slug]) for slug in order if slug in present]
