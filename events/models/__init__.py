"""Event pages, the event index and registrations."""

# The registration models live with their rules in events.registration; imported here so
# Django finds them among the app's models.
from ..registration.models import Registration, RegistrationList, RegistrationMessage
from .index import EventIndexPage, upcoming_events
from .pages import EventFormat, EventPage
from .speakers import EventPageSpeaker

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventPageSpeaker",
    "Registration",
    "RegistrationList",
    "RegistrationMessage",
    "upcoming_events",
]
