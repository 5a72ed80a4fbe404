"""Event pages, the event index and registrations."""

from .index import EventIndexPage, event_index_for, next_event_change, upcoming_events
from .pages import EventFormat, EventPage, EventPageSpeaker
from .registration import Registration, RegistrationList, RegistrationMessage

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventPageSpeaker",
    "Registration",
    "RegistrationList",
    "RegistrationMessage",
    "event_index_for",
    "next_event_change",
    "upcoming_events",
]
