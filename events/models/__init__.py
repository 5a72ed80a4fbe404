"""Event pages and the event index."""

from .pages import EventFormat, EventIndexPage, EventPage, EventPageSpeaker

__all__ = ["EventFormat", "EventIndexPage", "EventPage", "EventPageSpeaker"]
