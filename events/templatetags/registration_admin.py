"""Template tags for the admin's registration pages."""

from django import template

from ..registration.display import details

register = template.Library()


@register.simple_tag
def registration_details(registration):
    """(label, value) pairs of what staff see of `registration` (see `display.details`)."""
    return details(registration)
