"""Places that free up and who gets them: cancelling, lapsing what is due, offering freed
places in the waiting list's order, and staff moving someone up by hand."""

from django.db import models, transaction
from django.utils import timezone

from .. import balance
from ..models import Registration, RegistrationList, RegistrationMessage
from ..setup import registration_setup
from ..time_limits import event_of, offer_deadline, offers_open
from .places import ENDED, HOLDING_A_PLACE, _lock, places_taken, queue_message


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


__all__ = [
    "PROMOTABLE",
    "OverCapacity",
    "cancel_registration",
    "lapse_due",
    "offer_free_places",
    "promote",
    "waiting_in_offer_order",
]
