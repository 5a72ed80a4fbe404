"""Registrations for the generated events, as if people had used the forms for a while.

Written in bulk, following the rules `register_for_event` applies: places are confirmed up to
the event's capacity, the rest wait; one active registration per email and event. Their
confirmation emails are recorded as sent, so nothing is mailed when the site starts.
"""

import datetime

from django.utils import timezone

from events.models import Registration, RegistrationList, RegistrationMessage

from . import text
from .tree import BATCH_SIZE


def make_registrations(total, plans, events_by_language, rng):
    """Spread `total` registrations over the events with a registration form on the site.

    Returns the number created (fewer than `total` only when no event can take the rest).
    """
    on_site = [plan for plan in plans if plan["registration"] == "on_site"]
    if not on_site or total <= 0:
        return 0
    pages = {
        (page.translation_key, language): page
        for language, event_pages in events_by_language.items()
        for page in event_pages
    }
    languages = list(events_by_language)
    # One event in twenty is booked out with a short waiting list; the rest share what is left.
    wanted, remaining = {}, total
    for plan in on_site:
        if plan["number"] % 20 == 10:
            wanted[plan["key"]] = min(remaining, plan["capacity"] + 5)
            remaining -= wanted[plan["key"]]
    others = [plan for plan in on_site if plan["key"] not in wanted]
    per_event, remainder = divmod(remaining, len(others)) if others else (0, 0)
    for position, plan in enumerate(others):
        wanted[plan["key"]] = per_event + (1 if position < remainder else 0)
    now = timezone.now()
    registrations = []
    person = 0
    for plan in on_site:
        for place in range(wanted[plan["key"]]):
            language = languages[rng.randrange(len(languages))]
            first = text.FIRST_NAMES[person % len(text.FIRST_NAMES)]
            last = text.LAST_NAMES[(person // 3) % len(text.LAST_NAMES)]
            confirmed = place < plan["capacity"]
            registrations.append(
                Registration(
                    event_key=plan["key"],
                    page=pages[(plan["key"], language)],
                    language=language,
                    status="confirmed" if confirmed else "waiting",
                    name=f"{first} {last}",
                    email=f"person{person + 1}@example.org",
                    organisation=text.ORGANISATIONS[person % len(text.ORGANISATIONS)],
                    country=text.COUNTRIES[person % len(text.COUNTRIES)],
                    answers={},
                    consent_at=now - datetime.timedelta(minutes=person),
                )
            )
            person += 1
    RegistrationList.objects.bulk_create(
        [RegistrationList(event_key=plan["key"]) for plan in on_site], batch_size=BATCH_SIZE
    )
    created = Registration.objects.bulk_create(registrations, batch_size=BATCH_SIZE)
    RegistrationMessage.objects.bulk_create(
        [
            RegistrationMessage(
                registration=registration,
                kind="confirmation" if registration.status == "confirmed" else "waiting",
                status="sent",
                attempts=1,
                sent_at=now,
            )
            for registration in created
        ],
        batch_size=BATCH_SIZE,
    )
    return len(created)
