"""{% discard_draft_url page %}: where "Discard draft" leads for the person looking, or ""."""

from django import template

from home.admin.drafts import can_discard_draft, discard_url

register = template.Library()


@register.simple_tag(takes_context=True)
def discard_draft_url(context, page):
    if can_discard_draft(page, context["request"].user):
        return discard_url(page)
    return ""
