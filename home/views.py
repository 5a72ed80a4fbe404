"""Public views of the content kernel that are not Wagtail pages: search, the SDG colours."""

import unicodedata

from django.http import HttpResponse
from django.template.response import TemplateResponse

from campaign_site.cache import cache_this_page, cached, find_site

from .listing import paginate
from .localization import active_locale, default_locale
from .models import SustainableDevelopmentGoal
from .models.seo import all_pages, with_meta_descriptions

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
    # Without a query there are no results and so no page links to keep the query for.
    results = {"page": None, "query_without_page": "", "page_range": []}
    if query:
        find_site(request)  # the results' links need the site: from the cache, not a query
        pages = (
            all_pages().live().public().filter(locale=active_locale()).search(query, operator="and")
        )
        results = paginate(pages, request, SEARCH_PAGE_SIZE)
        # Plain pages with their descriptions: one query for any mix of page types.
        results["page"].object_list = with_meta_descriptions(results["page"].object_list)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            # A results page is for the visitor, not for search engines' indexes.
            "noindex": True,
            "results_page": results["page"],
            "query_without_page": results["query_without_page"],
            "page_range": results["page_range"],
        },
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
