"""The stakeholder balance rules of an event in plain words, for its registration block."""

from django import template

from ..registration.balance import event_rules_in_words

register = template.Library()


@register.simple_tag(takes_context=True)
def balance_rules_in_words(context, event):
    """The sentences stating the event's balance rules ([] when it has none)."""
    setup = context.get("registration_setup")
    if setup is None or setup.kind != "on_site":
        return []
    return event_rules_in_words(event, setup, request=context.get("request"))
