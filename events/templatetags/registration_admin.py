"""Template tags for the admin's registration pages."""

from django import template

from ..registration.display import EMPTY, details, event_time_zone
from ..timing import describe_instant

register = template.Library()


@register.simple_tag
def registration_details(registration):
    """(label, value) pairs of what staff see of `registration` (see `display.details`)."""
    return details(registration)


@register.filter
def staff_time(instant, owner):
    """`instant` as staff see times: in the event's zone, the zone named ("2. Dezember 2026,
    09:00 (New York, EST)"). `owner` is the event, a registration of it or the zone's name
    (for a list of times, looked up once); "—" for none."""
    if not instant:
        return EMPTY
    if isinstance(owner, str):
        zone = owner
    else:
        zone = owner.time_zone if hasattr(owner, "time_zone") else event_time_zone(owner)
    return describe_instant(instant, zone)
