"""The form of every page in the admin (`CampaignPage.base_form_class`)."""

from django import forms
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm


class CampaignPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.errors:
            self.explain_taken_slug()
        return cleaned_data

    def explain_taken_slug(self):
        """The slug field sits on the "Promote" tab, out of sight while someone writes: say
        at the top of the form which page has the address, and what to do. Most often it is
        a draft left behind when a form was abandoned after an autosave."""
        slug = self.data.get("slug", "")
        if not slug or self.parent_page is None:
            return
        siblings = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        other = siblings.first()
        if other is None:
            return
        if other.live or other.first_published_at:
            message = _(
                "The address “%(slug)s” already belongs to the page “%(title)s”. Change the "
                "title or the slug (tab “%(tab)s”)."
            )
        else:
            message = _(
                "The address “%(slug)s” already belongs to “%(title)s”, a draft that was never "
                "published (perhaps saved automatically when a form was left). Discard that "
                "draft or change the slug (tab “%(tab)s”)."
            )
        self.add_error(
            None,
            forms.ValidationError(
                message
                % {"slug": slug, "title": other.get_admin_display_title(), "tab": _("Promote")}
            ),
        )
