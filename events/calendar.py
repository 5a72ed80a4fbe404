"""Calendar files (RFC 5545) for one event or the upcoming events of a language.

Times carry the event's own time zone (TZID with its VTIMEZONE), so calendar programs
show them right wherever the reader is. The UID is the event's translation key at the
site's one calendar domain (`CALENDAR_UID_DOMAIN`): the German, English and French versions,
downloaded under any host name or attached to an email, are the same calendar entry.

Every file is named in its reader's language (RFC 7986 NAME, and X-WR-CALNAME, which Apple
and Google read); files served from the site also say how often subscribers should fetch
them again (RFC 7986 REFRESH-INTERVAL, and X-PUBLISHED-TTL, which Outlook reads).
"""

import datetime
import hashlib
import re

from icalendar import Calendar, Event, vDuration

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

# Events change rarely and the page cache spares the server: a few hours keeps a moved or
# cancelled event from lingering in subscribers' calendars for long.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
YEAR = datetime.timedelta(days=366)


def event_uid(event):
    """The entry's UID: one per event (all its language versions), never host-dependent."""
    return f"{event.translation_key}@{settings.CALENDAR_UID_DOMAIN}"


def event_component(event, request=None):
    """One VEVENT for `event`.

    Outside a request (emails), links start from the event's site.
    """
    timing = event.timing
    component = Event()
    component.add("uid", event_uid(event))
    component.add("summary", event.title)
    component.add("dtstamp", timezone.now())
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    if timing.all_day:
        component.add("dtstart", timing.start_date)
        component.add("dtend", timing.last_date + datetime.timedelta(days=1))
    else:
        component.add("dtstart", timing.starts_at())
        component.add("dtend", timing.ends_at())
    url = event.get_full_url(request)
    description = "\n\n".join(part for part in (strip_tags(event.teaser), url) if part)
    component.add("description", description)
    component.add("url", url)
    location = ", ".join(
        part
        for part in (event.venue_name, event.venue_address, event.venue_city, event.venue_country)
        if part
    )
    if event.is_online and event.online_url:
        location = f"{location} / {event.online_url}" if location else event.online_url
    if location:
        component.add("location", location)
    return component


def calendar_bytes(events, request=None, language=None):
    """An RFC 5545 calendar with one VEVENT per event (and the VTIMEZONEs they use).

    Pass the `request` when serving one (see `event_component`); outside a request, pass
    the reader's `language` (the active language otherwise) for the calendar's name. The
    events are given in the version the reader should see.
    """
    events = list(events)
    calendar = Calendar()
    calendar.add("prodid", "-//Partnerschaften2030//campaign_site//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with translation.override(language or translation.get_language()):
        # NAME and X-WR-CALNAME.
        calendar.calendar_name = _("Partnerships for the 2030 Agenda: events")
    if request is not None:
        # Only a served file has a source to fetch again; an email attachment has none.
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for event in events:
        calendar.add_component(event_component(event, request))
    if events:
        # The time zones' rules must cover every event, however far ahead (icalendar's
        # default stops in 2038), and need not reach further back than a year before.
        calendar.add_missing_timezones(
            first_date=min(event.timing.start_date for event in events) - YEAR,
            last_date=max(event.timing.last_date for event in events) + YEAR,
        )
    return calendar.to_ical()


def calendar_response(events, request, filename):
    """An .ics download of `events`, with an ETag of what it says.

    Subscribed calendars ask again every few hours. The ETag leaves out DTSTAMP (when the
    file was made): a calendar whose events have not changed keeps its ETag from one
    rendering to the next, and `ConditionalGetMiddleware` answers the reader's
    If-None-Match with 304. Weak (RFC 9110 §8.8.1), as the bytes differ in DTSTAMP.
    """
    body = calendar_bytes(events, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    digest = hashlib.md5(DTSTAMP_LINE.sub(b"", body), usedforsecurity=False).hexdigest()
    response["ETag"] = f'W/"{digest}"'
    return response


# The one line two files of the same events differ in (a folded line never starts a line).
DTSTAMP_LINE = re.compile(rb"^DTSTAMP:[^\r\n]*\r\n", re.MULTILINE)
