"""Event pages, the event index and registrations."""

# The registration models live with their rules in events.registration; imported here so
# Django finds them among the app's models.
from ..feedback.models import FeedbackAnswer, FeedbackResponse
from ..registration.models import (
    BalanceRule,
    EmailWording,
    OrganiserMessage,
    Registration,
    RegistrationList,
    RegistrationMessage,
)
from .choices import EventFormat, EventStatus
from .index import EventIndexPage, upcoming_events
from .pages import EventPage
from .speakers import EventPageSpeaker

__all__ = [
    "BalanceRule",
    "EmailWording",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventPageSpeaker",
    "EventStatus",
    "FeedbackAnswer",
    "FeedbackResponse",
    "OrganiserMessage",
    "Registration",
    "RegistrationList",
    "RegistrationMessage",
    "upcoming_events",
]
