"""When an event happens: local dates and times in the event's own time zone.

Editors enter dates and times as they are on the ground (13:15 in New York), with the
event's time zone. From those, an event knows its exact start and end instants (for
ordering, "upcoming", calendars) and shows times to visitors in that zone, in their
language.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import gettext as _


@lru_cache(maxsize=1)
def time_zone_choices():
    """All IANA time zones, for the editor's select box."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


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

    def zone_label(self):
        """E.g. "New York, EST": the zone's city and its abbreviation at the start."""
        city = self.time_zone.rsplit("/", 1)[-1].replace("_", " ")
        abbreviation = self.starts_at().strftime("%Z")
        if not abbreviation or abbreviation.startswith(("+", "-")):
            abbreviation = f"UTC{self.starts_at().strftime('%z')[:3]}"
        return f"{city}, {abbreviation}"

    def describe(self):
        """The date and time for people, in the active language, e.g.

        "Dienstag, 31. Januar 2023, 13:15–14:30 (New York, EST)". Times are local to the
        event; weekdays are always named.
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
        if self.last_date == self.start_date:
            return f"{first_day}, {start_time}–{end_time} ({zone})"
        last_day = f"{date_format(end, 'l')}, {date_format(end, 'DATE_FORMAT')}"
        return f"{first_day}, {start_time} – {last_day}, {end_time} ({zone})"
