"""The rules of registering: capacity, waiting list, duplicates, cancellation, promotion.

Plain functions that take models and return results; views, the admin, commands and tests
all call these. Every decision about places happens inside one transaction holding the
event's lock row, so two people can never take the last place at the same time. Places
held for a time (addresses not confirmed yet, places offered; see `opt_in`, `offers` and
`time_limits`): every decision first lapses those whose time is up (`lapse_due`), and a
place that frees is offered to the next person waiting (`offer_free_places`).

Here: a new registrant's place (`registering`), places that free up and who gets them
(`waiting_list`), who holds a place and the event's lock (`places`), and what the event page
says about its places (`event_page`).
"""

from .event_page import FEW_PLACES, on_evidence_changed, on_registration_changed, places_shown
from .places import (
    ENDED,
    HOLDING_A_PLACE,
    address_taken,
    counts,
    normalise_email,
    places_taken,
    queue_message,
)

# Not public: the rules next door (`opt_in`, `offers`) take the same lock.
from .places import _lock as _lock
from .registering import (
    NOTICE_INTERVAL,
    RegistrationError,
    decide_place,
    notify_already_registered,
    register_for_event,
)
from .waiting_list import (
    PROMOTABLE,
    OverCapacity,
    cancel_registration,
    lapse_due,
    offer_free_places,
    promote,
    waiting_in_offer_order,
)

__all__ = [
    "ENDED",
    "FEW_PLACES",
    "HOLDING_A_PLACE",
    "NOTICE_INTERVAL",
    "PROMOTABLE",
    "OverCapacity",
    "RegistrationError",
    "address_taken",
    "cancel_registration",
    "counts",
    "decide_place",
    "lapse_due",
    "normalise_email",
    "notify_already_registered",
    "offer_free_places",
    "on_evidence_changed",
    "on_registration_changed",
    "places_shown",
    "places_taken",
    "promote",
    "queue_message",
    "register_for_event",
    "waiting_in_offer_order",
]
