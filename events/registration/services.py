"""The rules of registering: capacity, waiting list, duplicates, cancellation, promotion.

Plain functions that take models and return results; views, the admin, commands and tests
all call these. Every decision about places happens inside one transaction holding the
event's lock row, so two people can never take the last place at the same time. Places
held for a time (addresses not confirmed yet, places offered; see `opt_in`, `offers` and
`time_limits`): every decision first lapses those whose time is up (`lapse_due`), and a
place that frees is offered to the next person waiting (`offer_free_places`).
"""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from campaign_site.cache import bump

from . import balance
from .models import Registration, RegistrationList, RegistrationMessage
from .setup import EVIDENCE_VERSION_KEY, places_version_key, registration_setup
from .time_limits import event_of, make_pending, offer_deadline, offers_open

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


# Registrations that are over: they hold nothing and do not block the address.
ENDED = [Registration.Status.CANCELLED, Registration.Status.EXPIRED]


def on_registration_changed(sender, instance, **kwargs):
    """Any change to a registration renews cached pages of its event, once committed;
    except a new registration that `register_for_event` found to leave the event page as
    it was (see `places_shown`)."""
    if not getattr(instance, "leaves_event_page_as_it_was", False):
        bump(places_version_key(instance.event_key))
    bump(EVIDENCE_VERSION_KEY)


# Above this many places left, the event page says only that places are free. Its cached
# copy then stays valid while a burst of registrations takes places (each one would
# otherwise renew it, and every visitor's form would be rendered anew), and the number
# appears once it matters.
FEW_PLACES = 10


def places_shown(capacity, held):
    """What the event page says about its places with `held` of `capacity` held: the
    number left (0: full) once there are `FEW_PLACES` or fewer, else None (places free)."""
    left = max(capacity - held, 0)
    return left if left <= FEW_PLACES else None


def on_evidence_changed(sender, instance, **kwargs):
    """Feedback given (or removed): the campaign's evidence changes, once committed."""
    bump(EVIDENCE_VERSION_KEY)


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


def waiting_in_offer_order(event_key, setup=None):
    """The people waiting for a place, in the order a freed place is offered to them.

    A queryset (use `.first()` for the next one, or iterate). Call it with the event's
    lock held, once the freed place is released (the cancelled or lapsed registration no
    longer holds it), and again after each place given, as each one changes the balance.

    Without balance rules: everyone waiting, first come first served. With them
    (`balance.Balance.offer_order`): first whoever fills a minimum not met yet, then the
    others, first come first served within each; left out are those a reached cap keeps
    out and, while the free places are all kept for minimums, those who fill none.
    Whether a place is free at all is the caller's question: the order is judged as if
    one were. `setup`: the event's `registration_setup` (looked up when not given).
    """
    waiting = Registration.objects.filter(
        event_key=event_key, status=Registration.Status.WAITING
    ).order_by("created_at", "pk")
    rules = balance.event_rules(event_key)
    if setup is None and rules:
        setup = balance.event_setup(event_key)
    if not rules or setup is None or setup.kind != "on_site":
        return waiting
    state = balance.balance_of_event(
        setup.capacity,
        rules,
        Registration.objects.filter(HOLDING_A_PLACE, event_key=event_key),
    )
    first, then = state.offer_groups(waiting.only("pk", "stakeholder_group", "country"))
    return (
        waiting.filter(pk__in=[registration.pk for registration in first + then])
        .annotate(
            balance_order=models.Case(
                models.When(pk__in=[registration.pk for registration in first], then=0),
                default=models.Value(1),
            )
        )
        .order_by("balance_order", "created_at", "pk")
    )


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


def cancel_registration(registration, *, now=None):
    """Cancel a registration; a place it held is offered to the next person waiting
    (`offer_free_places`: only while registration is open).

    Returns the registration offered the place, if any. Cancelling twice changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        lapse_due(registration.event_key, now=now)
        registration.refresh_from_db()
        if registration.status in ENDED:
            return None
        registration.status = Registration.Status.CANCELLED
        registration.status_changed_at = now
        registration.expires_at = None
        registration.save(update_fields=["status", "status_changed_at", "expires_at"])
        queue_message(registration, RegistrationMessage.Kind.CANCELLATION)
        # An event staff overbooked by hand frees no place until it is back under capacity.
        offered = offer_free_places(registration.event_key, now=now)
    return offered[0] if offered else None


class OverCapacity(Exception):
    """Moving someone up would put the event over capacity: `confirmed` of `capacity`."""

    def __init__(self, confirmed, capacity):
        super().__init__(f"{confirmed}/{capacity}")
        self.confirmed = confirmed
        self.capacity = capacity


# Who staff may move up by hand: people waiting, and those offered a place (who then need
# not accept it themselves). At any time, also after registration has closed.
PROMOTABLE = [Registration.Status.WAITING, Registration.Status.OFFERED]


def promote(registration, *, agreed_total=None, now=None):
    """Staff move a waiting registration (or one offered a place) to confirmed by hand.

    Returns False when the registration is neither. Past the event's capacity (places held:
    confirmed, offered, kept for an address) only up to `agreed_total` places held, the
    figure staff were shown and agreed to ("41 of 40"); otherwise, or when others took
    places since, raises `OverCapacity` with the numbers it would make now and changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        lapse_due(registration.event_key, now=now)
        registration.refresh_from_db()
        if registration.status not in PROMOTABLE:
            return False
        setup = registration_setup(registration.page) if registration.page else None
        if setup is not None and setup.kind == "on_site":
            held = places_taken(registration.event_key)
            if registration.status == Registration.Status.WAITING:
                held += 1  # an offered place is already counted
            over = held > setup.capacity
            if over and (agreed_total is None or held > agreed_total):
                raise OverCapacity(held, setup.capacity)
        registration.status = Registration.Status.CONFIRMED
        registration.status_changed_at = now
        registration.expires_at = None
        registration.save(update_fields=["status", "status_changed_at", "expires_at"])
        queue_message(registration, RegistrationMessage.Kind.PROMOTION)
    return True


def offer_free_places(event_key, *, now=None):
    """Offer every free place of the event to the next people waiting, one place each,
    until `time_limits.offer_deadline`, with the email to accept or decline it (`offers`).

    Call with the event's lock held. Returns the registrations offered a place; none when
    no place is free, nobody waits, or registration has closed or the event started
    (`time_limits.offers_open`): then nobody moves up by themselves, staff may `promote`.
    """
    now = now or timezone.now()
    event = event_of(event_key)
    setup = registration_setup(event) if event is not None else None
    if event is None or not offers_open(event, setup, now):
        return []
    offer_hours = RegistrationList.objects.get(event_key=event_key).offer_hours
    offered = []
    while places_taken(event_key) < setup.capacity:
        chosen = waiting_in_offer_order(event_key, setup).first()
        if chosen is None:
            break
        chosen.status = Registration.Status.OFFERED
        chosen.offered_at = chosen.status_changed_at = now
        chosen.expires_at = offer_deadline(offer_hours, setup, event, now)
        chosen.save(update_fields=["status", "offered_at", "status_changed_at", "expires_at"])
        queue_message(chosen, RegistrationMessage.Kind.OFFER)
        offered.append(chosen)
    return offered


def lapse_due(event_key, *, now=None):
    """Lapse the event's unconfirmed addresses and unanswered offers whose time is up, then
    offer the places they free. Call with the event's lock held.

    Returns (lapsed, offered) registrations. An offer that lapses is told so
    (OFFER_EXPIRED); an address never confirmed is not written to (its owner may never
    have registered).
    """
    now = now or timezone.now()
    due = list(
        Registration.objects.filter(
            event_key=event_key,
            status__in=[Registration.Status.PENDING, Registration.Status.OFFERED],
            expires_at__lte=now,
        )
    )
    for registration in due:
        was_offered = registration.status == Registration.Status.OFFERED
        registration.status = Registration.Status.EXPIRED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        if was_offered:
            queue_message(registration, RegistrationMessage.Kind.OFFER_EXPIRED)
    return due, (offer_free_places(event_key, now=now) if due else [])


def queue_message(registration, kind):
    """Write the email to the outbox; it is sent once the transaction has committed."""
    from .emails import deliver_after_commit

    message = RegistrationMessage.objects.create(registration=registration, kind=kind)
    deliver_after_commit(message)
    return message
