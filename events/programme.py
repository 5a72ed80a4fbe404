"""An event's programme: its agenda sessions by day, with their exact times.

A session names its day (empty: the event's first day), its local start and end in the
event's time zone, a room or track and its speakers. A programme over several days is
shown day by day; search engines read each session as a `subEvent` of the event
(`sub_events_json_ld`). The event's calendar file stays one entry for the whole event.
"""

import datetime
from dataclasses import dataclass, field

from home.localization import localized_all


@dataclass
class ProgrammeDay:
    """One day of the programme: its `date` and its `sessions` (the agenda's blocks, in
    the order the editor gave them)."""

    date: datetime.date
    sessions: list = field(default_factory=list)


def session_day(event, value):
    """The day of a session (its value): its own, else the event's first day."""
    return value.get("day") or event.start_date


def programme_days(event):
    """The agenda's sessions grouped by day, days in date order; None when they all fall
    on one day (the programme is then shown as one list, as always)."""
    days = {}
    for block in event.agenda:
        if block.block_type != "session":
            continue
        day = session_day(event, block.value)
        days.setdefault(day, ProgrammeDay(day)).sessions.append(block)
    if len(days) < 2:
        return None
    return [days[day] for day in sorted(days)]


def session_times(event, value):
    """The exact start and end (None without an end time) of a session, with the offset
    of the event's time zone on that day; an end before the start is on the next day."""
    zone = event.timing.zone
    day = session_day(event, value)
    start = datetime.datetime.combine(day, value["start_time"], tzinfo=zone)
    end = None
    if value.get("end_time"):
        end = datetime.datetime.combine(day, value["end_time"], tzinfo=zone)
        if end <= start:
            end = datetime.datetime.combine(
                day + datetime.timedelta(days=1), value["end_time"], tzinfo=zone
            )
    return start, end


def sub_events_json_ld(event, location=None):
    """The sessions as schema.org `Event`s (name, start and end with their offsets, the
    room at the event's location, speakers as performers in the page's language), for
    the event's `subEvent`; empty when the agenda has no sessions."""
    sessions = [block.value for block in event.agenda if block.block_type == "session"]
    # Every session's speakers in the page's language, in one query.
    speakers = localized_all(
        [person for value in sessions for person in value.get("speakers") or []]
    )
    sub_events = []
    for value in sessions:
        people, speakers = (
            speakers[: len(value.get("speakers") or [])],
            speakers[len(value.get("speakers") or []) :],
        )
        start, end = session_times(event, value)
        data = {"@type": "Event", "name": value["title"], "startDate": start.isoformat()}
        if end is not None:
            data["endDate"] = end.isoformat()
        if value.get("description"):
            data["description"] = value["description"]
        if place := session_location(location, value.get("room")):
            data["location"] = place
        if people:
            data["performer"] = [{"@type": "Person", "name": person.name} for person in people]
        sub_events.append(data)
    return sub_events


def session_location(location, room):
    """Where a session is: the event's location, its room (or track) as a place inside
    the venue when it has one."""
    if not room or not location:
        return location
    places = location if isinstance(location, list) else [location]
    inside = [
        {"@type": "Place", "name": room, "address": place["address"], "containedInPlace": place}
        if place.get("@type") == "Place"
        else place
        for place in places
    ]
    return inside[0] if len(inside) == 1 else inside
