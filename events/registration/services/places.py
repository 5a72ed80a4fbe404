"""Who holds a place: the event's lock row that every decision takes, the registrations that
hold a place or are over, their counts, and the outbox each decision writes to."""

from django.db import models

from ..models import Registration, RegistrationList, RegistrationMessage

# Registrations that are over: they hold nothing and do not block the address.
ENDED = [Registration.Status.CANCELLED, Registration.Status.EXPIRED]


def normalise_email(email):
    """Emails compare case-insensitively: "Ana@Example.org" and "ana@example.org" are one."""
    return email.strip().lower()


def address_taken(event_key, email, exclude_pk=None):
    """Whether an active (not cancelled nor lapsed) registration of the event has this
    address."""
    registrations = Registration.objects.filter(event_key=event_key, email=normalise_email(email))
    if exclude_pk is not None:
        registrations = registrations.exclude(pk=exclude_pk)
    return registrations.exclude(status__in=ENDED).exists()


def _lock(event_key):
    locked = RegistrationList.objects.select_for_update()
    try:
        return locked.get(event_key=event_key)
    except RegistrationList.DoesNotExist:
        RegistrationList.objects.get_or_create(event_key=event_key)
        return locked.get(event_key=event_key)


# Registrations that hold one of the event's places: confirmed, offered (until the offer
# lapses) and, with double opt-in, registered with the address not yet confirmed. Those
# whose time is up hold nothing: every decision lapses them first, under the event's lock
# (`lapse_due`), and the `lapse_registrations` command does so every minute.
HOLDING_A_PLACE = models.Q(
    status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED]
) | models.Q(status=Registration.Status.PENDING, holds_place=True)


def counts(event_key):
    """Confirmed and waiting registrations of one event, and the places held (confirmed,
    offered, or kept for an address not confirmed yet: see `HOLDING_A_PLACE`)."""
    return Registration.objects.filter(event_key=event_key).aggregate(
        confirmed=models.Count("pk", filter=models.Q(status=Registration.Status.CONFIRMED)),
        waiting=models.Count("pk", filter=models.Q(status=Registration.Status.WAITING)),
        held=models.Count("pk", filter=HOLDING_A_PLACE),
    )


def places_taken(event_key):
    """How many of the event's places are held (see `HOLDING_A_PLACE`)."""
    return Registration.objects.filter(HOLDING_A_PLACE, event_key=event_key).count()


def queue_message(registration, kind):
    """Write the email to the outbox; it is sent once the transaction has committed."""
    from ..emails import deliver_after_commit

    message = RegistrationMessage.objects.create(registration=registration, kind=kind)
    deliver_after_commit(message)
    return message


__all__ = [
    "ENDED",
    "HOLDING_A_PLACE",
    "address_taken",
    "counts",
    "normalise_email",
    "places_taken",
    "queue_message",
]
