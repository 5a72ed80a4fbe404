"""Event pages, the event index and registrations."""

from .pages import EventFormat, EventIndexPage, EventPage, EventPageSpeaker, next_event_change
from .registration import Registration, RegistrationList, RegistrationMessage

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventPageSpeaker",
    "Registration",
    "RegistrationList",
    "RegistrationMessage",
    "next_event_change",
]
