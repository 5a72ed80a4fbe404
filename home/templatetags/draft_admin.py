"""{% discard_draft_url page %}: where "Discard draft" leads for the person looking, or ""."""

from django import template

from home.admin.drafts import discard_url, never_published

register = template.Library()


@register.simple_tag(takes_context=True)
def discard_draft_url(context, page):
    user = context["request"].user
    if never_published(page) and page.permissions_for_user(user).can_delete():
        return discard_url(page)
    return ""
