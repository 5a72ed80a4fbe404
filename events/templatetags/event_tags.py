"""Event dates for people: in the event's own time zone, in the visitor's language."""

import zoneinfo

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def event_when(event):
    """E.g. "Dienstag, 31. Januar 2023, 13:15 (America/New_York)" for an event page."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    start = event.start.astimezone(zone)
    text = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}, " + date_format(
        start, "TIME_FORMAT"
    )
    return f"{text} ({event.time_zone})"
