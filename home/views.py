"""Site-wide views that are not Wagtail pages: search, robots.txt, the health check; the
translation report."""

import logging
import secrets
import unicodedata

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .caching import cache_this_page, cached
from .localization import active_locale, default_locale
from .models import SustainableDevelopmentGoal
from .models.seo import all_pages, with_meta_descriptions
from .routing import find_site
from .translation_status import can_view_translation_status, translation_status

logger = logging.getLogger(__name__)

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
        find_site(request)  # the results' links need the site: from the cache, not a query
        pages = (
            all_pages().live().public().filter(locale=active_locale()).search(query, operator="and")
        )
        paginator = Paginator(pages, SEARCH_PAGE_SIZE)
        results_page = paginator.get_page(request.GET.get("page"))
        # Plain pages with their descriptions: one query for any mix of page types.
        results_page.object_list = with_meta_descriptions(results_page.object_list)
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


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_round_trips():
    # A key of its own per check, so concurrent checks from several servers never collide.
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


HEALTH_CHECKS = {"database": _database_answers, "cache": _cache_round_trips}


@never_cache
def healthz(request):
    """For load balancers and container health checks: 200 when the database answers a
    query and the cache returns what was stored in it, 503 naming the part that failed."""
    results = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            healthy = check()
        except Exception:  # noqa: BLE001 - any failure means "unhealthy", with its cause logged
            logger.exception("Health check %s failed", name)
            healthy = False
        results[name] = "ok" if healthy else "failing"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
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


def sdg_colours(request):
    """The SDG badges' colours as a stylesheet: one class per goal, from the goals' snippets.

    A stylesheet rather than inline styles, so the public pages' Content-Security-Policy
    allows no inline style at all. The text colour is black or white, whichever contrasts more.
    """
    cache_this_page(request)

    def build():
        # The source language's goals decide; their translations carry the same colours.
        goals = SustainableDevelopmentGoal.objects.filter(locale=default_locale())
        return "".join(
            f".sdg-badge--{goal.number} {{ --sdg-colour: {goal.colour}; "
            f"--sdg-text: {goal.text_colour}; }}\n"
            for goal in goals.order_by("number")
        )

    response = HttpResponse(cached("sdg-colours-css", build), content_type="text/css")
    response["Cache-Control"] = "public, max-age=3600"
    return response
