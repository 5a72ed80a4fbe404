"""How an event's moments appear in the read API: in the event's own time zone, and in UTC.

The stored instants (`starts_at`, `ends_at`) are exact; what a partner reads is the local
time on the ground with its offset (as the page, its JSON-LD and its calendar file give it),
and the same instant in UTC for sorting and comparing across events.
"""

import datetime

from rest_framework import serializers


class EventMomentField(serializers.Field):
    """One of an event's instants (`starts_at`, `ends_at`) as ISO 8601 text."""

    def __init__(self, moment, *, utc=False, **kwargs):
        self.moment = moment
        self.utc = utc
        # The whole event, not just the instant: the zone is the event's own.
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        value = getattr(event, self.moment)
        if value is None:
            return None
        if self.utc:
            return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        return value.astimezone(event.timing.zone).isoformat()


__all__ = ["EventMomentField"]
