"""Double opt-in: a new public registration waits for its address to be confirmed.

With the event's list set to confirm addresses first (`RegistrationList.double_opt_in`, on
by default), a registration from the public form is PENDING: it holds the place it would
have had (`holds_place`), or its position on the waiting list, until `expires_at`
(`time_limits.pending_deadline`), and its address gets a link (CONFIRM_ADDRESS).
Confirming with that link (a button: mail scanners open links, they do not press buttons)
makes it CONFIRMED or WAITING, with the usual email. Never confirmed, it lapses (EXPIRED,
see `services.lapse_due`) and the place it held is offered on. So nobody can register
someone else's address: its owner would have to confirm it. Staff registrations skip all
of this.
"""

from django.db import transaction
from django.utils import timezone

from .models import Registration, RegistrationMessage
from .services import _lock, lapse_due, offer_free_places, queue_message

Status = Registration.Status


def confirm_address(registration, *, now=None):
    """The owner confirmed the address: CONFIRMED if the registration held a place, else
    WAITING (in the order it registered), each with its usual email; a place free by then is
    offered on at once.

    Returns "confirmed" or "waiting" when confirmed now; "already" when the address was
    confirmed before; "expired" when it lapsed first; "cancelled" when it was cancelled.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        lapse_due(registration.event_key, now=now)
        registration.refresh_from_db()
        if registration.status != Status.PENDING:
            if registration.address_confirmed_at is not None:
                return "already"
            if registration.status in (Status.EXPIRED, Status.CANCELLED):
                return registration.status
            return "already"
        if registration.holds_place:
            registration.status = Status.CONFIRMED
            kind = RegistrationMessage.Kind.CONFIRMATION
        else:
            registration.status = Status.WAITING
            kind = RegistrationMessage.Kind.WAITING
        registration.address_confirmed_at = now
        registration.status_changed_at = now
        registration.expires_at = None
        registration.save(
            update_fields=[
                "status",
                "address_confirmed_at",
                "status_changed_at",
                "expires_at",
            ]
        )
        queue_message(registration, kind)
        if registration.status == Status.WAITING:
            offer_free_places(registration.event_key, now=now)
    return registration.status
