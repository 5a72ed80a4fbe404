"""Event display helpers for templates."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..programme import programme_days
from ..structured_data import event_json_ld, json_ld_script
from ..timing import describe_instant, local_instant

register = template.Library()


def local_time_label():
    """The words local-time.js puts around the visitor's own time, in the page's language
    ("%(time)s" stands for it), so that each language's typography is its catalogue's."""
    return _("(your local time: %(time)s)")


@register.filter
def event_when(event):
    """E.g. "Dienstag, 31. Januar 2023, 13:15–14:30 (New York, EST)"."""
    return event.timing.describe()


@register.simple_tag
def event_time(event, local_hint=False):
    """`event_when` in a `<time>` element whose `datetime` is the start: a date for all-day
    events, else the instant with its offset. With `local_hint`, local-time.js adds the
    visitor's own time to a timed event (a whole day has no instant to convert)."""
    timing = event.timing
    if local_hint and not timing.all_day:
        return format_html(
            '<time datetime="{}" data-local-time data-local-label="{}">{}</time>',
            timing.datetime_attribute(),
            local_time_label(),
            timing.describe(),
        )
    return format_html(
        '<time datetime="{}">{}</time>', timing.datetime_attribute(), timing.describe()
    )


@register.filter
def in_event_zone(instant, event):
    """An instant of `event` (a registration deadline) in the event's zone, named, in a
    `<time>` element; local-time.js adds the visitor's own time."""
    return format_html(
        '<time datetime="{}" data-local-time data-local-label="{}">{}</time>',
        local_instant(instant, event.time_zone).isoformat(),
        local_time_label(),
        describe_instant(instant, event.time_zone),
    )


@register.simple_tag(takes_context=True)
def event_structured_data(context, event, organisers):
    speakers = context.get("speakers_in_language", ())
    return json_ld_script(event_json_ld(event, context["request"], organisers, speakers, context))


@register.simple_tag
def programme_by_day(event):
    """The event's agenda sessions by day, or None for a programme of one day."""
    return programme_days(event)
