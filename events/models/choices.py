"""What an event's fields may hold: its format and status, a known time zone, the reminders
it starts with."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..timing import DEFAULT_REMINDERS, time_zone_choices


def validate_time_zone(value):
    """Refuse a time zone name that the time zone menu does not offer."""
    if value not in dict(time_zone_choices()):
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name like Europe/Berlin."),
            params={"value": value},
        )


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    """Whether the event takes place as announced (schema.org's eventStatus, in words)."""

    SCHEDULED = "scheduled", _("Takes place as announced")
    POSTPONED = "postponed", _("Postponed (new date to follow)")
    # Not the "Cancelled" of a registration (German "Storniert"): an event is called off.
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


def default_reminders():
    """A week and a day before, unless editors choose otherwise."""
    return list(DEFAULT_REMINDERS)


__all__ = [
    "EventFormat",
    "EventStatus",
    "default_reminders",
    "validate_time_zone",
]
