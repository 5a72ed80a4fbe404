"""The rules of registering: capacity, waiting list, duplicates, cancellation, promotion.

Plain functions that take models and return results; views, the admin, commands and tests
all call these. Every decision about places happens inside one transaction holding the
event's lock row, so two people can never take the last place at the same time.
"""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from campaign_site.cache import bump

from .models import Registration, RegistrationList, RegistrationMessage
from .setup import places_version_key, registration_setup

# How often an address is emailed at most about attempts to register it for one event: its
# owner that someone tried it again (here), a new address that the event is full (notices).
NOTICE_INTERVAL = timedelta(hours=1)


class RegistrationError(Exception):
    """A registration that cannot be accepted; `code` says why.

    For "duplicate", `registration` is the address's active registration (None when the
    database refused a second one at the same moment), and `full` says whether a new
    address would have been refused as "full" at that moment: the public form answers a
    registered address exactly as it would answer a new one.
    """

    def __init__(self, code, *, registration=None, full=False):
        super().__init__(code)
        self.code = code
        self.registration = registration
        self.full = full


def on_registration_changed(sender, instance, **kwargs):
    """Any change to a registration renews cached pages of its event, once committed."""
    bump(places_version_key(instance.event_key))


def normalise_email(email):
    """Emails compare case-insensitively: "Ana@Example.org" and "ana@example.org" are one."""
    return email.strip().lower()


def address_taken(event_key, email, exclude_pk=None):
    """Whether an active (not cancelled) registration of the event has this address."""
    registrations = Registration.objects.filter(event_key=event_key, email=normalise_email(email))
    if exclude_pk is not None:
        registrations = registrations.exclude(pk=exclude_pk)
    return registrations.exclude(status=Registration.Status.CANCELLED).exists()


def _lock(event_key):
    RegistrationList.objects.get_or_create(event_key=event_key)
    return RegistrationList.objects.select_for_update().get(event_key=event_key)


def counts(event_key):
    """Confirmed and waiting registrations of one event."""
    return Registration.objects.filter(event_key=event_key).aggregate(
        confirmed=models.Count("pk", filter=models.Q(status=Registration.Status.CONFIRMED)),
        waiting=models.Count("pk", filter=models.Q(status=Registration.Status.WAITING)),
    )


# Registrations that hold one of the event's places: confirmed, offered (until the offer
# lapses) and, with double opt-in, registered with the address not yet confirmed.
HOLDING_A_PLACE = models.Q(
    status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED]
) | models.Q(status=Registration.Status.PENDING, holds_place=True)


def places_taken(event_key):
    """How many of the event's places are held (see `HOLDING_A_PLACE`)."""
    return Registration.objects.filter(HOLDING_A_PLACE, event_key=event_key).count()


def decide_place(setup, event_key, *, stakeholder_group="", country=""):
    """Whether a new registrant gets a place now: "confirmed", "waiting" or None (full, no
    waiting list). Called with the event's lock held."""
    if places_taken(event_key) < setup.capacity:
        return Registration.Status.CONFIRMED
    return Registration.Status.WAITING if setup.waiting_list else None


def waiting_in_offer_order(event_key):
    """The people waiting for a place, in the order a freed place is offered to them."""
    return Registration.objects.filter(
        event_key=event_key, status=Registration.Status.WAITING
    ).order_by("created_at", "pk")


def register_for_event(event, *, language, now=None, by_staff=False, **data):
    """Register a person for `event` (any language version) and queue their email.

    Returns the saved `Registration` (confirmed or waiting). Raises `RegistrationError`
    with code "no_registration", "not_yet_open", "closed", "full" or "duplicate".

    `by_staff`: staff registering someone at the door or by phone are not bound by the
    opening and closing dates, only by the event's end ("closed" once it is over); places,
    waiting list and duplicates count as for everyone. The public form never passes it.
    """
    setup = registration_setup(event)
    if setup is None or setup.kind != "on_site":
        raise RegistrationError("no_registration")
    if by_staff:
        # Staff may add someone to a postponed event (who is then told its new date), never
        # to a cancelled one.
        if event.ends_at <= (now or timezone.now()) or setup.event_status == "cancelled":
            raise RegistrationError("closed")
    else:
        state = setup.state(now)
        if state != "open":
            raise RegistrationError(state)
    email = normalise_email(data.pop("email"))
    key = event.translation_key
    try:
        with transaction.atomic():
            _lock(key)
            existing = (
                Registration.objects.filter(event_key=key, email=email)
                .exclude(status=Registration.Status.CANCELLED)
                .first()
            )
            status = decide_place(
                setup,
                key,
                stakeholder_group=data.get("stakeholder_group", ""),
                country=data.get("country", ""),
            )
            if existing is not None:
                raise RegistrationError("duplicate", registration=existing, full=status is None)
            if status is None:
                raise RegistrationError("full")
            registration = Registration.objects.create(
                event_key=key,
                page=event,
                language=language,
                status=status,
                email=email,
                consent_at=now or timezone.now(),
                **data,
            )
            kind = (
                RegistrationMessage.Kind.CONFIRMATION
                if status == Registration.Status.CONFIRMED
                else RegistrationMessage.Kind.WAITING
            )
            queue_message(registration, kind)
    except IntegrityError as error:
        # The same email submitted twice at the same moment: the database said no.
        raise RegistrationError("duplicate") from error
    return registration


def notify_already_registered(registration, now=None):
    """Email the owner of a registered address that someone tried to register it again,
    with the links to their registration; at most once per `NOTICE_INTERVAL`,
    so trying an address over and over does not flood its owner's inbox."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        told_recently = registration.messages.filter(
            kind=RegistrationMessage.Kind.ALREADY_REGISTERED,
            created_at__gt=now - NOTICE_INTERVAL,
        ).exists()
        if told_recently:
            return None
        return queue_message(registration, RegistrationMessage.Kind.ALREADY_REGISTERED)


def cancel_registration(registration):
    """Cancel a registration; a freed place goes to the oldest person waiting.

    Returns the promoted registration, if any. Cancelling twice changes nothing.
    """
    with transaction.atomic():
        _lock(registration.event_key)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            return None
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.status_changed_at = timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        queue_message(registration, RegistrationMessage.Kind.CANCELLATION)
        # An event staff overbooked by hand frees no place until it is back under capacity.
        if was_confirmed and _places_left(registration) != 0:
            return _promote_next(registration.event_key)
    return None


def _places_left(registration):
    """Free places of the registration's event (None when it has no capacity to go by)."""
    setup = registration_setup(registration.page) if registration.page else None
    if setup is None or setup.kind != "on_site":
        return None
    confirmed = Registration.objects.filter(
        event_key=registration.event_key, status=Registration.Status.CONFIRMED
    ).count()
    return max(setup.capacity - confirmed, 0)


class OverCapacity(Exception):
    """Moving someone up would put the event over capacity: `confirmed` of `capacity`."""

    def __init__(self, confirmed, capacity):
        super().__init__(f"{confirmed}/{capacity}")
        self.confirmed = confirmed
        self.capacity = capacity


def promote(registration, *, agreed_total=None):
    """Staff move a waiting registration to confirmed by hand.

    Returns False when the registration is not waiting. Past the event's capacity only up to
    `agreed_total` confirmed people, the figure staff were shown and agreed to ("41 of 40");
    otherwise, or when others were confirmed since, raises `OverCapacity` with the numbers
    it would make now and changes nothing.
    """
    with transaction.atomic():
        _lock(registration.event_key)
        registration.refresh_from_db()
        if registration.status != Registration.Status.WAITING:
            return False
        setup = registration_setup(registration.page) if registration.page else None
        if setup is not None and setup.kind == "on_site":
            confirmed = Registration.objects.filter(
                event_key=registration.event_key, status=Registration.Status.CONFIRMED
            ).count()
            over = confirmed + 1 > setup.capacity
            if over and (agreed_total is None or confirmed + 1 > agreed_total):
                raise OverCapacity(confirmed + 1, setup.capacity)
        _confirm(registration)
    return True


def _promote_next(event_key):
    waiting = waiting_in_offer_order(event_key).first()
    if waiting is not None:
        _confirm(waiting)
    return waiting


def _confirm(registration):
    registration.status = Registration.Status.CONFIRMED
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    queue_message(registration, RegistrationMessage.Kind.PROMOTION)


def queue_message(registration, kind):
    """Write the email to the outbox; it is sent once the transaction has committed."""
    from .emails import deliver_after_commit

    message = RegistrationMessage.objects.create(registration=registration, kind=kind)
    deliver_after_commit(message)
    return message
