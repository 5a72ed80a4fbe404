"""Site-wide views that are not Wagtail pages: search and robots.txt."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.generic import TemplateView

from wagtail.models import Page

from .localization import active_locale

SEARCH_PAGE_SIZE = 10


def search(request):
    """Search the live, public pages of the active language (events, insights, pages)."""
    query = request.GET.get("q", "").strip()
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
