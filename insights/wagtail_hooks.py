"""Admin: an "Insights" listing with type and publication date, and a dashboard panel with
the latest insights; "Add insight" in both opens the form under the German insights page.
On a past event, "Draft a learning" (`insights.learnings`)."""

from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import Button

from events.models import EventPage
from home.admin.page_listings import SourceLanguageParentView, add_page_url
from home.localization import default_locale

from . import admin_views
from .learnings import is_over, may_draft_learnings
from .models import InsightPage


class InsightListingViewSet(PageListingViewSet):
    model = InsightPage
    choose_parent_view_class = SourceLanguageParentView
    icon = "doc-full"
    menu_label = _("Insights")
    menu_order = 155
    add_to_admin_menu = True
    columns = PageListingViewSet.columns + [
        Column(
            "publication_date",
            label=_("Publication date"),
            accessor=lambda page: (
                date_format(page.publication_date, "DATE_FORMAT") if page.publication_date else ""
            ),
            sort_key="publication_date",
        ),
        Column(
            "insight_type",
            label=_("Type"),
            accessor="get_insight_type_display",
            sort_key="insight_type",
        ),
    ]


class LatestInsightsPanel(Component):
    """Dashboard, for those who write insights: the latest ones (source language) and a
    button to write the next."""

    name = "latest_insights"
    template_name = "insights/admin/latest_insights_panel.html"
    order = 125
    limit = 5

    def __init__(self, add_url):
        self.add_url = add_url

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["insights"] = list(
            InsightPage.objects.filter(locale=default_locale())
            .order_by("-latest_revision_created_at", "-pk")
            .defer_streamfields()[: self.limit]
        )
        context["add_url"] = self.add_url
        context["listing_url"] = reverse("insights:index")
        return context


@hooks.register("construct_homepage_panels")
def add_latest_insights_panel(request, panels):
    add_url = add_page_url(InsightPage, "insights", request.user)
    if add_url:
        panels.append(LatestInsightsPanel(add_url))


@hooks.register("register_admin_viewset")
def register_insight_listing():
    return InsightListingViewSet("insights")


# --- Learnings from events (`insights.learnings`) ------------------------------------------


@hooks.register("register_admin_urls")
def learning_admin_urls():
    return [
        path(
            "learnings/draft/<int:event_id>/",
            admin_views.draft_learning_view,
            name="insights_draft_learning",
        )
    ]


@hooks.register("register_page_header_buttons")
def draft_learning_button(page, user, view_name, next_url=None):
    """The entry "Draft a learning" in a past event's header menu, for those who may add
    insights. Past as published: `page` may be a draft that moves the date."""
    if page.specific_class is not EventPage:
        return []
    if not may_draft_learnings(user) or not is_over(page):
        return []
    return [
        Button(
            _("Draft a learning"),
            reverse("insights_draft_learning", args=[page.pk]),
            icon_name="doc-full",
            priority=85,
        )
    ]
