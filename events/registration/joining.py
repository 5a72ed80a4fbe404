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
    """The event's joining details whoever asks (None when it has none): the link from
    the source version if people join online, the access details in `event`'s language
    (else the source's)."""
    source = source_version(event)
    link = source.online_url if source.is_online else ""
    access = (event.access_details or source.access_details).strip()
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
    confirmed = registration.status == Registration.Status.CONFIRMED
    if not confirmed or (now or timezone.now()) >= source.ends_at:
        return {"joining": None, "joining_later": ""}
    joining = joining_details(event, registration, now)
    moment = release_at(event)
    expected = source.is_online or event_joining_details(event) is not None
    later = ""
    if joining is None and moment is not None and expected:
        later = describe_instant(moment, source.time_zone)
    return {"joining": joining, "joining_later": later}
