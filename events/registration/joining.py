"""Joining details: the join link and access details (room, entry code) of an event.

They are for confirmed registrants only, never for the public page, calendars, JSON-LD,
the API, feeds or search. Editors choose when they are released: with the confirmation, or
some hours before the start (`EventPage.join_details_release`); until then confirmed
registrants are told when the details will come.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from ..timing import describe_instant
from .models import Registration
from .setup import source_version


@dataclass(frozen=True)
class JoiningDetails:
    link: str
    access_details: str


def release_at(event):
    """When the event's joining details are released (None: with the confirmation). The
    source version decides: link and timing are the same in every language."""
    source = source_version(event)
    if not source.join_details_release:
        return None
    return source.starts_at - timedelta(hours=source.join_details_release)


def is_released(event, now=None):
    """Whether confirmed registrants may have the joining details now."""
    moment = release_at(event)
    return moment is None or (now or timezone.now()) >= moment


def event_joining_details(event):
    """The event's joining details whoever asks (None when it has none, or when the event
    has been cancelled): the link if people join online and the access details, both from
    the source version (codes and rooms are the same in every language, and are never
    sent to a machine translator)."""
    source = source_version(event)
    if source.event_status == "cancelled":
        return None
    link = source.online_url if source.is_online else ""
    access = source.access_details.strip()
    if not link and not access:
        return None
    return JoiningDetails(link, access)


def joining_details(event, registration, now=None):
    """The joining details `registration` may see now, or None: only for a confirmed
    registrant, once released."""
    if registration.status != Registration.Status.CONFIRMED or not is_released(event, now):
        return None
    return event_joining_details(event)


def personal_joining_context(event, registration, now=None):
    """What a registrant's personal page says about joining `event` (the version the page
    is shown in): the current joining details once released, or when they will come
    ("joining_later", in the registrant's language and the event's zone) while a confirmed
    registrant waits for them. Nothing for waiting or cancelled people, nor for an event
    that is over. Read afresh on every visit, so a changed link shows at once."""
    source = source_version(event)
    now = now or timezone.now()
    confirmed = registration.status == Registration.Status.CONFIRMED
    nothing = {"joining": None, "joining_later": "", "joining_pending": False}
    if not confirmed or now >= source.ends_at or source.event_status == "cancelled":
        return nothing
    joining = joining_details(event, registration, now)
    if joining is not None or not (source.is_online or event_joining_details(event)):
        return {**nothing, "joining": joining}
    moment = release_at(event)
    if moment is not None and moment > now:
        return {**nothing, "joining_later": describe_instant(moment, source.time_zone)}
    # Released, but the organisers have not set the link yet.
    return {**nothing, "joining_pending": True}
