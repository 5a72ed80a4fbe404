"""Admin wiring: the "Campaign" menu (partners, taxonomies, navigation), translation status,
the accessibility checker."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import two_factor
from .caching import cache_this_page
from .localization import default_locale, get_locale_by_id
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
from .roles import may_translate_into
from .translation_status import can_view_translation_status, translation_status
from .views import translation_status_view


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
        context["statuses"] = translation_status()
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


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor.setup, name="two_factor_setup"),
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Protect your account with codes from an authenticator app on your phone."),
    }


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


# --- The source language belongs to the authors -----------------------------------------
# Wagtail's snippet permissions do not know languages. Translators may change snippets (to
# translate them), but only people who may also create snippets may change or delete the
# source-language version; everyone else gets Wagtail's "no permission" answer.


# A translator limited to some languages (e.g. "Translators (English)") may change only
# those; `home.middleware` applies the same limit to wagtail-localize's own views.
# These hooks run before wagtail-localize's, which would open its translation editor.


def _may_change(request, instance):
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return True
    opts = instance._meta
    if request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
        return True
    if locale_id == default_locale().pk:
        return False
    return may_translate_into(request.user, instance.locale.language_code)


@hooks.register("before_edit_snippet", order=-1)
def protect_snippets_from_editing(request, instance):
    if not _may_change(request, instance):
        return permission_denied(request)
    return None


@hooks.register("before_delete_snippet", order=-1)
def protect_snippets_from_deletion(request, instances):
    if not all(_may_change(request, instance) for instance in instances):
        return permission_denied(request)
    return None


# --- Accessibility checker ------------------------------------------------------------------
# Wagtail's checker (in the userbar on the site and in the editor's "Checks" panel) with a few
# more rules that matter here: alternative text of images, the page's language (the site is
# multilingual) and colour contrast (the SDG colours are light; text on them must stay
# readable).


class CampaignContentCheckerItem(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "html-has-lang",
        "valid-lang",
        "color-contrast",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _("Describe the image, or mark it as decorative"),
        },
        "html-has-lang": {
            "error_name": _("Page language is missing"),
            "help_text": _("Screen readers need the language to pronounce the text"),
        },
        "valid-lang": {
            "error_name": _("Unknown language code"),
            "help_text": _("Use a language code such as de, en or fr"),
        },
        "color-contrast": {
            "error_name": _("Text contrast is too low"),
            "help_text": _("Use darker text or a lighter background"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_campaign_content_checker(request, items, page):
    items[:] = [
        CampaignContentCheckerItem(item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, CampaignContentCheckerItem)
        else item
        for item in items
    ]


# --- Page cache ---------------------------------------------------------------------------
# Every page served by Wagtail may be kept for anonymous visitors (see home.caching);
# views about one person opt out with a private Cache-Control header.


@hooks.register("before_serve_page")
def let_anonymous_page_views_be_cached(page, request, serve_args, serve_kwargs):
    cache_this_page(request)
    # Every page asks for its locale; the locales are known, no need to query for it.
    page.locale = get_locale_by_id(page.locale_id)
