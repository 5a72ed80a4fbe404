"""Admin wiring: the "Campaign" menu with partners, taxonomies and navigation."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Footer,
    MainMenu,
    Partner,
    Person,
    Region,
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
    )


register_snippet(CampaignViewSetGroup)
