"""Admin wiring of the content kernel: the "Campaign" menu (partners, people, taxonomies,
navigation, site texts), the translation status report and panel, the accessibility checker,
and the snippet guards of translators (`home.admin`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaign_site.cache import cache_this_page

from .admin.checker import CampaignContentCheckerItem
from .admin.drafts import DiscardDraftMenuItem
from .admin.review import say_the_review_goes_on
from .admin.translation_status import (
    can_view_translation_status,
    target_locales_for,
    translation_status,
)
from .admin.translator_limits import may_change_snippet, submit_translation_urls
from .admin.views import translation_status_view
from .admin.workflow_menu import name_workflows_in_the_admin_language
from .localization import get_locale_by_id
from .models import (
    Footer,
    MainMenu,
    Partner,
    Person,
    Region,
    SiteTexts,
    StakeholderGroup,
    SustainableDevelopmentGoal,
    Topic,
)


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "short_name", "role", "slug", "locale"]
    list_filter = ["role", "locale"]
    search_fields = ["name", "short_name"]
    ordering = ["sort_order", "name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "organisation"]


class SustainableDevelopmentGoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("SDGs")
    list_display = ["number", "short_name", "colour", "locale"]
    list_filter = ["locale"]
    ordering = ["number"]


class TaxonomyViewSet(SnippetViewSet):
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class RegionViewSet(TaxonomyViewSet):
    model = Region
    menu_label = _("Regions")


class StakeholderGroupViewSet(TaxonomyViewSet):
    model = StakeholderGroup
    menu_label = _("Stakeholder groups")


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    menu_label = _("Topics and enabling factors")
    list_display = ["name", "slug", "is_enabling_factor", "locale"]
    list_filter = ["is_enabling_factor", "locale"]


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    menu_label = _("Main menu")
    list_display = ["__str__", "locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "doc-empty"
    menu_label = _("Footer")
    list_display = ["__str__", "locale"]


class SiteTextsViewSet(SnippetViewSet):
    model = SiteTexts
    icon = "doc-full"
    menu_label = _("Site texts")
    list_display = ["__str__", "site_name", "locale"]


class CampaignViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Campaign")
    menu_icon = "site"
    menu_order = 250
    items = (
        PartnerViewSet,
        PersonViewSet,
        SustainableDevelopmentGoalViewSet,
        RegionViewSet,
        StakeholderGroupViewSet,
        TopicViewSet,
        MainMenuViewSet,
        FooterViewSet,
        SiteTextsViewSet,
    )


register_snippet(CampaignViewSetGroup)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_translation_status(request.user)


class TranslationStatusPanel(Component):
    """Dashboard summary: per target language, how many translations are missing or stale."""

    name = "translation_status"
    template_name = "home/admin/translation_status_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["statuses"] = translation_status(target_locales_for(user))
        context["report_url"] = reverse("translation_status_report")
        return context


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "reports/translation-status/",
            translation_status_view,
            name="translation_status_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status_report"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=1300,
    )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if can_view_translation_status(request.user):
        panels.append(TranslationStatusPanel())


# --- Snippets: the source language belongs to its authors, translators keep to their
# languages (`home.admin.translator_limits`). These hooks run before wagtail-localize's, which
# would open its translation editor.


# Ahead of wagtail-localize's own URL patterns, so its submit forms answer from here.
@hooks.register("register_admin_urls", order=-1)
def register_submit_translation_urls():
    return submit_translation_urls()


@hooks.register("before_edit_snippet", order=-1)
def protect_snippets_from_editing(request, instance):
    if not may_change_snippet(request, instance):
        return permission_denied(request)
    return None


@hooks.register("before_delete_snippet", order=-1)
def protect_snippets_from_deletion(request, instances):
    if not all(may_change_snippet(request, instance) for instance in instances):
        return permission_denied(request)
    return None


# --- Page cache (`campaign_site.cache.page_cache`) ---------------------------------------


@hooks.register("before_serve_page")
def apply_the_page_types_cache_policy(page, request, serve_args, serve_kwargs):
    """Pages are kept for anonymous visitors when their type opts in; views about one person
    opt out with `campaign_site.cache.personal` (their sub-pages, e.g. a registration)."""
    # Every page asks for its locale; the locales are known, no need to query for it.
    page.locale = get_locale_by_id(page.locale_id)
    if getattr(request, "page_cache", None) is None:
        return  # staff, a POST, or the page cache off: nothing will be kept
    if getattr(page, "cache_for_visitors", False):
        depends_on, until = page.page_cache_policy(request)
        # A page shows its own body and no other page's (`CampaignPage.own_page_fields`).
        cache_this_page(request, depends_on=depends_on, until=until, page=page)


# --- Accessibility checker (`home.admin.checker`) ----------------------------------------


@hooks.register("construct_wagtail_userbar")
def use_campaign_content_checker(request, items, page):
    items[:] = [
        CampaignContentCheckerItem(item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, CampaignContentCheckerItem)
        else item
        for item in items
    ]


# --- Names of roles and the workflow in the admin's language (`home.admin.roles`) ---------


hooks.register("construct_page_action_menu", name_workflows_in_the_admin_language)


# --- Drafts left by autosave (`home.admin.drafts`) ---------------------------------------


@hooks.register("register_page_action_menu_item")
def register_discard_draft_menu_item():
    return DiscardDraftMenuItem()


# --- Changes while in review (`home.admin.review`) ---------------------------------------

hooks.register("after_edit_page", say_the_review_goes_on)
