"""The "Add event" and "Add insight" buttons go straight to the form when there is one place
for the new page.

Wagtail's page listings ask for the parent page first, and skip the question only when the
page type fits under a single page in the whole tree. Each section has one index page per
language, though, and new content starts in the source language (translations are made from
it): so when the source language has exactly one fitting parent the person may add to, the
form opens under it. Otherwise (several, or none in the source language, e.g. for someone who
may only add translations) Wagtail's chooser asks as before.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse

from wagtail.admin.views.pages.choose_parent import ChooseParentView
from wagtail.models import Locale

from home.localization import default_locale


def only_parent_in(parents, locale):
    """The id of the one page of `parents` in `locale`, or None when there are none or
    several there."""
    ids = list(parents.filter(locale=locale).values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


class SourceLanguageParentView(ChooseParentView):
    """The listing's "Add" button: the form under the only parent in the listing's language
    (the source language unless the listing is filtered by another), the chooser otherwise."""

    def get(self, request, *args, **kwargs):
        locale = Locale.objects.filter(language_code=request.GET.get("locale")).first()
        parent_id = only_parent_in(
            self.get_valid_parent_pages(request.user), locale or default_locale()
        )
        if parent_id is None:
            return super().get(request, *args, **kwargs)
        opts = self.model._meta
        return redirect("wagtailadmin_pages:add", opts.app_label, opts.model_name, quote(parent_id))


def add_page_url(model, listing_name, user):
    """Where a dashboard's "Add" button for `model` pages goes, or "" when `user` may not
    add one in the source language (translators: their pages are made by translating)."""
    parents = SourceLanguageParentView(model=model).get_valid_parent_pages(user)
    if not parents.filter(locale=default_locale()).exists():
        return ""
    return reverse(f"{listing_name}:choose_parent")
