"""Event display helpers for templates."""

from django import template

from ..structured_data import event_json_ld, json_ld_script

register = template.Library()


@register.filter
def event_when(event):
    """E.g. "Dienstag, 31. Januar 2023, 13:15–14:30 (New York, EST)"."""
    return event.timing.describe()


@register.simple_tag(takes_context=True)
def event_structured_data(context, event, organisers):
    return json_ld_script(event_json_ld(event, context["request"], organisers))
