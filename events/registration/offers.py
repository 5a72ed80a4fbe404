"""Freed places offered, not assigned: the next person waiting gets the place for a time.

When a place frees (a cancellation, an address never confirmed, an offer not accepted) and
registration has not closed, the next person in `services.waiting_in_offer_order` is
OFFERED the place until a deadline (`time_limits.offer_deadline`) and emailed a link to
accept or decline it (`services.offer_free_places`). Here: their answer, and the sweep.
Accepting in time confirms them; an offer that lapses becomes EXPIRED, the person is told,
and the place goes to the next one. After registration closes or the event starts nobody
is offered anything and nobody moves up by themselves: staff may still confirm someone by
hand (`services.promote`).

Every function that changes places runs inside one transaction holding the event's lock
row (`services._lock`), so two servers (or a sweep and a cancellation at the same moment)
never offer the same person twice nor the same place to two people. `sweep` is run every
minute by the `lapse_registrations` command; running it twice at once is harmless.
"""

from django.db import transaction
from django.utils import timezone

from .models import Registration, RegistrationMessage
from .services import _lock, lapse_due, offer_free_places, queue_message

Status = Registration.Status


def _answer(registration, now, accept):
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        lapse_due(registration.event_key, now=now)
        registration.refresh_from_db()
        if registration.status != Status.OFFERED:
            return registration.status
        if accept:
            registration.status = Status.CONFIRMED
            kind = RegistrationMessage.Kind.CONFIRMATION
        else:
            registration.status = Status.CANCELLED
            kind = RegistrationMessage.Kind.CANCELLATION
        registration.status_changed_at = now
        registration.expires_at = None
        registration.save(update_fields=["status", "status_changed_at", "expires_at"])
        queue_message(registration, kind)
        if not accept:
            offer_free_places(registration.event_key, now=now)
    return "accepted" if accept else "declined"


def accept_offer(registration, *, now=None):
    """The person takes the place offered: CONFIRMED, with the confirmation email.

    Returns "accepted", or the registration's status when there was no open offer to accept
    ("expired" once the offer lapsed, "confirmed" when accepted already, …).
    """
    return _answer(registration, now, accept=True)


def decline_offer(registration, *, now=None):
    """The person does not want the place: their registration is cancelled (they leave the
    waiting list too) and the place is offered to the next person.

    Returns "declined", or the registration's status when there was no open offer.
    """
    return _answer(registration, now, accept=False)


def sweep(*, now=None):
    """Lapse every event's overdue unconfirmed addresses and offers and pass their places
    on: one transaction per event, under its lock. Returns (lapsed, offered) counts."""
    now = now or timezone.now()
    keys = (
        Registration.objects.filter(
            status__in=[Status.PENDING, Status.OFFERED], expires_at__lte=now
        )
        .values_list("event_key", flat=True)
        .distinct()
        .order_by()
    )
    lapsed = offered = 0
    for event_key in list(keys):
        with transaction.atomic():
            _lock(event_key)
            gone, new = lapse_due(event_key, now=now)
        lapsed += len(gone)
        offered += len(new)
    return lapsed, offered
