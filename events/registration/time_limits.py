"""Until when a place (or a waiting position) is held for someone who has yet to answer.

Two kinds of registration hold something for a time: one whose address is not confirmed
yet (`opt_in`, PENDING until `pending_deadline`) and one offered a freed place (`offers`,
OFFERED until `offer_deadline`). The rules for those times, and whether places are offered
at all (`offers_open`), are here, apart from the decisions that use them (`services`).
"""

from datetime import timedelta

from .models import Registration

Status = Registration.Status

# How long an unconfirmed address keeps its place or position.
CONFIRM_WITHIN = timedelta(hours=2)


def pending_deadline(event, now):
    """Until when a registration made at `now` waits for its address: `CONFIRM_WITHIN`,
    never after the event's start (for an event taking registrations after its start, the
    full time)."""
    deadline = now + CONFIRM_WITHIN
    if now < event.starts_at < deadline:
        deadline = event.starts_at
    return deadline


def make_pending(registration, event, decided, now):
    """Turn a new registration (not saved yet) into one waiting for its address: `decided`
    is what it would have been ("confirmed" or "waiting")."""
    registration.status = Status.PENDING
    registration.holds_place = decided == Status.CONFIRMED
    registration.expires_at = pending_deadline(event, now)
    return registration


def offers_open(event, setup, now):
    """Whether freed places are offered now: an on-site registration that has not closed
    (its closing date, a postponement or cancellation) of an event that has not started."""
    return (
        setup is not None
        and setup.kind == "on_site"
        and setup.state(now) != "closed"
        and now < event.starts_at
    )


def offer_deadline(offer_hours, setup, event, now):
    """Until when an offer made at `now` is the person's.

    The exact rule: `now + offer_hours`, but never after registration closes nor after the
    event starts, whichever comes first. So close to the start the time is shortened
    automatically: an offer made 5 hours before the close lapses at the close, 5 hours
    later, whatever `offer_hours` says. (Offers are only made while `offers_open`, so the
    deadline is always after `now`.)
    """
    deadline = now + timedelta(hours=offer_hours)
    for limit in (setup.closes_at, event.starts_at):
        if limit is not None and limit < deadline:
            deadline = limit
    return deadline


def event_of(event_key):
    """The event page with this translation key, in its source language (None when gone)."""
    from .setup import source_version

    event_page = Registration._meta.get_field("page").related_model
    event = event_page.objects.filter(translation_key=event_key).first()
    return source_version(event) if event is not None else None
