"""When an event happens: local dates and times in the event's own time zone.

Editors enter dates and times as they are on the ground (13:15 in New York), with the
event's time zone. From those, an event knows its exact start and end instants (for
ordering, "upcoming", calendars) and shows times to visitors in that zone, in their
language, always naming the zone. Other instants of an event (its registration deadline)
are shown in the event's zone too.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@lru_cache(maxsize=1)
def time_zone_choices():
    """All IANA time zones, for the editor's select box."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def zone_label(time_zone, instant):
    """E.g. "New York, EST": the zone's city and its abbreviation at `instant`.

    Zones without an abbreviation of their own show their offset ("Kathmandu, UTC+05:45").
    """
    local = instant.astimezone(zoneinfo.ZoneInfo(time_zone))
    city = time_zone.rsplit("/", 1)[-1].replace("_", " ")
    abbreviation = local.strftime("%Z")
    if not abbreviation or abbreviation.startswith(("+", "-")):
        offset = local.strftime("%z")
        minutes = "" if offset[3:] == "00" else f":{offset[3:]}"
        abbreviation = f"UTC{offset[:3]}{minutes}"
    return abbreviation if city == abbreviation else f"{city}, {abbreviation}"


def local_instant(instant, time_zone):
    """`instant` as a time in `time_zone` (a naive value is read in the site's own zone)."""
    if timezone.is_naive(instant):
        instant = timezone.make_aware(instant)
    return instant.astimezone(zoneinfo.ZoneInfo(time_zone))


def describe_instant(instant, time_zone):
    """An instant (e.g. a registration deadline) for people, in the active language and
    the event's zone: "1. März 2024, 18:00 (Berlin, CET)"."""
    local = local_instant(instant, time_zone)
    day, time = date_format(local, "DATE_FORMAT"), date_format(local, "TIME_FORMAT")
    return f"{day}, {time} ({zone_label(time_zone, local)})"


@dataclass(frozen=True)
class EventTime:
    start_date: datetime.date
    start_time: datetime.time | None
    end_date: datetime.date | None
    end_time: datetime.time | None
    time_zone: str

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def open_end(self):
        """A timed event without an end time ("from 18:00")."""
        return self.start_time is not None and self.end_time is None

    @property
    def last_date(self):
        return self.end_date or self.start_date

    def starts_at(self):
        """The exact start instant (midnight in the event's zone for all-day events)."""
        return datetime.datetime.combine(
            self.start_date, self.start_time or datetime.time(0), tzinfo=self.zone
        )

    def ends_at(self):
        """The exact end instant; open and all-day events end when their last day ends."""
        if self.end_time is not None:
            return datetime.datetime.combine(self.last_date, self.end_time, tzinfo=self.zone)
        next_day = self.last_date + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time(0), tzinfo=self.zone)

    def zone_label(self, at=None):
        """E.g. "New York, EST": the zone's city and its abbreviation at the start (or `at`)."""
        return zone_label(self.time_zone, at or self.starts_at())

    def datetime_attribute(self):
        """The start as an HTML `<time datetime>` value: the date of an all-day event (a day
        has no instant to convert), else the exact instant with its offset."""
        if self.all_day:
            return self.start_date.isoformat()
        return self.starts_at().isoformat()

    def describe(self):
        """The date and time for people, in the active language, e.g.

        "Dienstag, 31. Januar 2023, 13:15–14:30 (New York, EST)". Times are local to the
        event; weekdays are always named. When the clocks change between start and end,
        each end names its own offset.
        """
        start = self.starts_at()
        first_day = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}"
        if self.all_day:
            if self.last_date == self.start_date:
                return first_day
            end = datetime.datetime.combine(self.last_date, datetime.time(0), tzinfo=self.zone)
            last_day = f"{date_format(end, 'l')}, {date_format(end, 'DATE_FORMAT')}"
            return f"{first_day} – {last_day}"
        start_time = date_format(start, "TIME_FORMAT")
        zone = self.zone_label()
        if self.open_end:
            return _("%(day)s, from %(time)s (%(zone)s)") % {
                "day": first_day,
                "time": start_time,
                "zone": zone,
            }
        end = self.ends_at()
        end_time = date_format(end, "TIME_FORMAT")
        dash = "–"
        if self.zone_label(at=end) != zone:
            # The clocks change in between: the start names its offset, the end its own.
            start_time, zone, dash = f"{start_time} ({zone})", self.zone_label(at=end), " – "
        if self.last_date == self.start_date:
            return f"{first_day}, {start_time}{dash}{end_time} ({zone})"
        last_day = f"{date_format(end, 'l')}, {date_format(end, 'DATE_FORMAT')}"
        return f"{first_day}, {start_time} – {last_day}, {end_time} ({zone})"


# When confirmed registrants get the joining details (link, access details): at once, or
# this many hours before the start.
JOIN_DETAILS_RELEASE_CHOICES = [
    (0, gettext_lazy("At once, with the confirmation")),
    (1, gettext_lazy("1 hour before the start")),
    (2, gettext_lazy("2 hours before the start")),
    (24, gettext_lazy("1 day before the start")),
    (48, gettext_lazy("2 days before the start")),
]
# Reminders before the start, in hours; a week and a day before unless editors choose.
REMINDER_CHOICES = [
    (168, gettext_lazy("1 week before")),
    (72, gettext_lazy("3 days before")),
    (24, gettext_lazy("1 day before")),
    (2, gettext_lazy("2 hours before")),
]
DEFAULT_REMINDERS = [168, 24]
