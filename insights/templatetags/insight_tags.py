"""Template tags of the insight pages."""

from django import template

from ..choices import InsightType

register = template.Library()


@register.simple_tag
def insight_types():
    """The insight types as (value, label) pairs, labels in the active language."""
    return InsightType.choices
