"""Reading JSON-LD the way search engines do: every script parsed, and what Google's rich
results ask of each type (required and recommended properties, as its documentation lists
them for Event, Article and BreadcrumbList)."""

import json

from .html import soup

# https://developers.google.com/search/docs/appearance/structured-data/event
EVENT_REQUIRED = ("name", "startDate", "location")
EVENT_RECOMMENDED = (
    "description",
    "endDate",
    "eventAttendanceMode",
    "eventStatus",
    "image",
    "offers",
    "organizer",
    "performer",
)
OFFER_RECOMMENDED = ("availability", "price", "priceCurrency", "url", "validFrom")
# https://developers.google.com/search/docs/appearance/structured-data/article
ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "ScholarlyArticle")
ARTICLE_RECOMMENDED = ("author", "dateModified", "datePublished", "headline", "image")
# https://developers.google.com/search/docs/appearance/structured-data/breadcrumb
LIST_ITEM_REQUIRED = ("position", "name", "item")


def json_ld(response):
    """Every JSON-LD object of a page, each script parsed as JSON (a script that is not
    valid JSON fails the test here)."""
    return [
        json.loads(script.string)
        for script in soup(response).find_all("script", type="application/ld+json")
    ]


def of_type(response, *types):
    """The page's JSON-LD objects whose @type is one of `types`."""
    return [data for data in json_ld(response) if data.get("@type") in types]


def missing(data, properties):
    """The properties of `properties` that `data` lacks or leaves empty."""
    return [name for name in properties if data.get(name) in (None, "", [], {})]
