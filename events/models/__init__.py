"""Event pages, the event index and registrations."""

from .pages import EventFormat, EventIndexPage, EventPage, EventPageSpeaker
from .registration import Registration, RegistrationList, RegistrationMessage

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventPageSpeaker",
    "Registration",
    "RegistrationList",
    "RegistrationMessage",
]
