"""Drafts nobody meant to keep: Wagtail saves a new page automatically as soon as someone
types into its form, so leaving the form leaves a draft (which then holds its address).
Editors are told when that happens and can discard such a draft in one place: the
"Discard draft" action of a page never published, which leads to Wagtail's deletion."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.action_menu import ActionMenuItem


def never_published(page):
    return page is not None and page.pk and not page.live and page.first_published_at is None


def discard_url(page):
    """Wagtail's deletion of `page`, back to its section afterwards."""
    back = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    return reverse("wagtailadmin_pages:delete", args=[page.pk]) + "?" + urlencode({"next": back})


class DiscardDraftMenuItem(ActionMenuItem):
    """In the editor's action menu of a page that was never published."""

    name = "action-discard-draft"
    label = _("Discard draft")
    icon_name = "bin"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and never_published(page)
            and not context["locked_for_user"]
            and self.get_user_page_permissions_tester(context).can_delete()
        )

    def get_url(self, parent_context):
        return discard_url(parent_context["page"])
