"""Site-wide views that are not Wagtail pages: search and robots.txt; the translation report."""

import unicodedata

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from .caching import cache_this_page
from .localization import active_locale
from .translation_status import can_view_translation_status, translation_status

SEARCH_PAGE_SIZE = 10
# Longer queries find nothing more; they only make the database work harder.
SEARCH_QUERY_MAX_LENGTH = 200


def clean_search_query(raw):
    """The visitor's query as words: no control characters and no double quotes (a NUL or an
    unbalanced quote breaks the database's full-text search), white space collapsed, cut to a
    sensible length."""
    text = "".join(
        " " if char == '"' or unicodedata.category(char) in ("Cc", "Cf", "Cs") else char
        for char in raw
    )
    return " ".join(text.split())[:SEARCH_QUERY_MAX_LENGTH]


def search(request):
    """Search the live, public pages of the active language (events, insights, pages)."""
    query = clean_search_query(request.GET.get("q", ""))
    cache_this_page(request)  # results change with content, which renews the cache
    results_page = None
    if query:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=active_locale())
            .specific()
            .search(query, operator="and")
        )
        paginator = Paginator(pages, SEARCH_PAGE_SIZE)
        results_page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "query_without_page": params.urlencode(),
            "page_range": (
                results_page.paginator.get_elided_page_range(results_page.number, on_each_side=2)
                if results_page
                else []
            ),
        },
    )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Staff report: per target language, what is missing or out of date (`?locale=fr`)."""

    template_name = "home/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status()
        selected = self.request.GET.get("locale", "")
        if selected not in {status.language_code for status in statuses}:
            selected = ""
        context.update(
            statuses=statuses,
            selected_language=selected,
            shown_statuses=[
                status for status in statuses if not selected or status.language_code == selected
            ],
        )
        return context


translation_status_view = user_passes_test(can_view_translation_status)(
    TranslationStatusView.as_view()
)
