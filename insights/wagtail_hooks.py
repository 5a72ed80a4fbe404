"""Admin: an "Insights" listing with type and publication date, and a dashboard panel with
the latest insights; "Add insight" in both opens the form under the German insights page."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.admin.page_listings import SourceLanguageParentView, add_page_url
from home.localization import default_locale

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
