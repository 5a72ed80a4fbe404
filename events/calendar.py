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


# The event's status (EventPage.event_status) as RFC 5545 STATUS: a postponed event keeps
# its entry, marked tentative, until it has a new date.
STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def event_component(event, request=None, joining=None):
    """One VEVENT for `event`.

    Outside a request (emails), links start from the event's site. The join link and
    access details are never in it, except in the copy attached to a confirmed
    registrant's email (`joining`, see events.registration.joining).
    """
    timing = event.timing
    component = Event()
    component.add("uid", event_uid(event))
    # Raised with every published change of time, place or status: calendar programs
    # replace an entry they have with one of a higher SEQUENCE.
    component.add("sequence", event.calendar_sequence)
    component.add("status", STATUS.get(event.event_status, "CONFIRMED"))
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
    joining_parts = (joining.link, joining.access_details) if joining else ()
    description = "\n\n".join(
        part for part in (strip_tags(event.teaser), *joining_parts, url) if part
    )
    component.add("description", description)
    component.add("url", url)
    location = ", ".join(
        part
        for part in (event.venue_name, event.venue_address, event.venue_city, event.venue_country)
        if part
    )
    if joining and joining.link:
        location = f"{location} / {joining.link}" if location else joining.link
    if location:
        component.add("location", location)
    return component


def calendar_bytes(
    events, request=None, language=None, method="PUBLISH", joining=None, organizer=None
):
    """An RFC 5545 calendar with one VEVENT per event (and the VTIMEZONEs they use).

    Pass the `request` when serving one (see `event_component`); outside a request, pass
    the reader's `language` (the active language otherwise) for the calendar's name. The
    events are given in the version the reader should see. An email's copy may carry
    `method` CANCEL (RFC 5546: the entry is removed; it then names its `organizer`, a
    (name, address) pair) and a registrant's `joining` details.
    """
    events = list(events)
    calendar = Calendar()
    calendar.add("prodid", "-//Partnerschaften2030//campaign_site//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    with translation.override(language or translation.get_language()):
        # NAME and X-WR-CALNAME.
        calendar.calendar_name = _("Partnerships for the 2030 Agenda: events")
    if request is not None:
        # Only a served file has a source to fetch again; an email attachment has none.
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for event in events:
        component = event_component(event, request, joining=joining)
        if organizer is not None:
            name, address = organizer
            component.add("organizer", f"mailto:{address}", parameters={"CN": name} if name else {})
        calendar.add_component(component)
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
