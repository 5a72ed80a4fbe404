"""A new registrant's place: confirmed, waiting or refused, decided under the event's lock;
and the notice to an address someone tried to register again."""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .. import balance
from ..models import Registration, RegistrationMessage
from ..setup import registration_setup
from ..time_limits import make_pending
from .event_page import places_shown
from .places import ENDED, HOLDING_A_PLACE, _lock, normalise_email, places_taken, queue_message
from .waiting_list import lapse_due

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


def decide_place(setup, event_key, *, stakeholder_group="", country="", held=None):
    """Whether a new registrant gets a place now: "confirmed", "waiting" or None (no place
    for them and no waiting list), and how many places are held before them. Called with
    the event's lock held; `held`: the places held, when the caller has just counted them.

    Without balance rules: a place while one is free. With them (`balance`): none while a
    cap counting the registrant's group or region is reached, and, while free places are
    kept for minimums not met yet, only for someone who fills one of them.
    """
    rules = balance.event_rules(event_key)
    if not rules:
        held = places_taken(event_key) if held is None else held
        if held < setup.capacity:
            return Registration.Status.CONFIRMED, held
        return (Registration.Status.WAITING if setup.waiting_list else None), held
    state = balance.balance_of_event(
        setup.capacity,
        rules,
        Registration.objects.filter(HOLDING_A_PLACE, event_key=event_key),
    )
    status = state.decide(stakeholder_group, str(country or ""), waiting_list=setup.waiting_list)
    return status, setup.capacity - state.free


def _before_registering(event_key, email, now):
    """What registering `email` must know, in one query under the event's lock: how many
    registrations are due to lapse (`lapse_due`), whether the address has a registration
    that is not over, and how many places are held."""
    return Registration.objects.filter(event_key=event_key).aggregate(
        due=models.Count(
            "pk",
            filter=models.Q(
                status__in=[Registration.Status.PENDING, Registration.Status.OFFERED],
                expires_at__lte=now,
            ),
        ),
        mine=models.Count("pk", filter=models.Q(email=email) & ~models.Q(status__in=ENDED)),
        held=models.Count("pk", filter=HOLDING_A_PLACE),
    )


def register_for_event(event, *, language, now=None, by_staff=False, **data):
    """Register a person for `event` (any language version) and queue their email.

    Returns the saved `Registration`: confirmed or waiting; or, from the public form when
    the event's list confirms addresses first (`opt_in`), pending with the email that asks
    to confirm the address. Raises `RegistrationError` with code "no_registration",
    "not_yet_open", "closed", "full" or "duplicate".

    `by_staff`: staff registering someone at the door or by phone are not bound by the
    opening and closing dates, only by the event's end ("closed" once it is over), nor by
    double opt-in; places, waiting list and duplicates count as for everyone. The public
    form never passes it.
    """
    now = now or timezone.now()
    setup = registration_setup(event)
    if setup is None or setup.kind != "on_site":
        raise RegistrationError("no_registration")
    if by_staff:
        # Staff may add someone to a postponed event (who is then told its new date), never
        # to a cancelled one.
        if event.ends_at <= now or setup.event_status == "cancelled":
            raise RegistrationError("closed")
    else:
        state = setup.state(now)
        if state != "open":
            raise RegistrationError(state)
    email = normalise_email(data.pop("email"))
    key = event.translation_key
    try:
        with transaction.atomic():
            lock_row = _lock(key)
            found = _before_registering(key, email, now)
            if found["due"]:
                lapse_due(key, now=now)
                found = _before_registering(key, email, now)
            existing = None
            if found["mine"]:
                existing = (
                    Registration.objects.filter(event_key=key, email=email)
                    .exclude(status__in=ENDED)
                    .first()
                )
            status, held = decide_place(
                setup,
                key,
                stakeholder_group=data.get("stakeholder_group", ""),
                country=data.get("country", ""),
                held=found["held"],
            )
            if existing is not None:
                raise RegistrationError("duplicate", registration=existing, full=status is None)
            if status is None:
                raise RegistrationError("full")
            registration = Registration(
                event_key=key,
                page=event,
                language=language,
                status=status,
                email=email,
                consent_at=now,
                **data,
            )
            if by_staff or not lock_row.double_opt_in:
                kind = (
                    RegistrationMessage.Kind.CONFIRMATION
                    if status == Registration.Status.CONFIRMED
                    else RegistrationMessage.Kind.WAITING
                )
            else:
                make_pending(registration, event, status, now)
                kind = RegistrationMessage.Kind.CONFIRM_ADDRESS
            # A place taken (or held until the address is confirmed) changes the event page
            # only when it changes what the page says; a place on the waiting list never.
            taken = 1 if status == Registration.Status.CONFIRMED else 0
            registration.leaves_event_page_as_it_was = places_shown(
                setup.capacity, held
            ) == places_shown(setup.capacity, held + taken)
            registration.save()
            queue_message(registration, kind)
    except IntegrityError as error:
        # The same email submitted twice at the same moment: the database said no.
        raise RegistrationError("duplicate") from error
    return registration


def notify_already_registered(registration, now=None):
    """Email the owner of a registered address that someone tried to register it again,
    with the links to their registration; at most once per `NOTICE_INTERVAL`,
    so trying an address over and over does not flood its owner's inbox.

    An address not confirmed yet is sent its confirmation link again instead (the owner
    most likely lost it), under the same limit."""
    now = now or timezone.now()
    pending = registration.status == Registration.Status.PENDING
    kind = (
        RegistrationMessage.Kind.CONFIRM_ADDRESS
        if pending
        else RegistrationMessage.Kind.ALREADY_REGISTERED
    )
    with transaction.atomic():
        _lock(registration.event_key)
        told_recently = registration.messages.filter(
            kind__in=[kind, RegistrationMessage.Kind.ALREADY_REGISTERED],
            created_at__gt=now - NOTICE_INTERVAL,
        ).exists()
        if told_recently:
            return None
        return queue_message(registration, kind)


__all__ = [
    "NOTICE_INTERVAL",
    "RegistrationError",
    "decide_place",
    "notify_already_registered",
    "register_for_event",
]
