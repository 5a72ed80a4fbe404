"""Drafts nobody meant to keep: Wagtail saves a new page automatically as soon as someone
types into its form, so leaving the form leaves a draft (which then holds its address).
Editors are told when that happens and can discard such a draft in one place: the
"Discard draft" action of a page never published, which leads to Wagtail's deletion.
Only a draft nobody else depends on is offered this way (`can_discard_draft`); any other page
keeps Wagtail's own "Delete", with its usual checks and warnings."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.action_menu import ActionMenuItem


def can_discard_draft(page, user):
    """Whether `user` may discard `page` as a draft autosave left behind: their own page, never
    published, with nothing hanging on it (subpages, translations in other languages, a review
    or a scheduled publication), not locked for them, and theirs to delete."""
    if page is None or not page.pk or page.live or page.first_published_at is not None:
        return False
    if page.owner_id is None or page.owner_id != user.pk:
        return False
    if page.approved_schedule or page.current_workflow_state is not None:
        return False
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return False
    if page.get_children().exists() or page.get_translations().exists():
        return False
    return page.permissions_for_user(user).can_delete()


def discard_url(page):
    """Wagtail's deletion of `page`, back to its section afterwards."""
    back = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    return reverse("wagtailadmin_pages:delete", args=[page.pk]) + "?" + urlencode({"next": back})


class DiscardDraftMenuItem(ActionMenuItem):
    """In the editor's action menu of a draft the person may discard (`can_discard_draft`)."""

    name = "action-discard-draft"
    label = _("Discard draft")
    icon_name = "bin"
    order = 60

    def is_shown(self, context):
        return context["view"] == "edit" and can_discard_draft(
            context.get("page"), context["request"].user
        )

    def get_url(self, parent_context):
        return discard_url(parent_context["page"])
