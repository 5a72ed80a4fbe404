"""Every public page type renders in at most 12 SQL queries, in every language.

Measured with the page cache off (what a cache miss costs) and after one warm-up request
(renditions and cached fragments exist then, as they do on a running site).
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage
from insights.models import InsightIndexPage, InsightPage

pytestmark = pytest.mark.django_db

BUDGET = 12


def urls(language):
    def page(model, **filters):
        return model.objects.get(locale__language_code=language, **filters)

    source_event = EventPage.objects.get(
        locale__language_code="de", slug="online-dialog-partnerschaften"
    )
    source_study = InsightPage.objects.get(locale__language_code="de", slug="studie")
    source_about = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    key = {"translation_key__in": [source_event.translation_key]}
    events = page(EventIndexPage).url
    insights = page(InsightIndexPage).url
    return {
        "overview": page(HomePage).url,
        "event index": events,
        "event page with open registration": page(EventPage, **key).url,
        "event calendar": events + "calendar/",
        "insight index": insights,
        "insight page": page(InsightPage, translation_key=source_study.translation_key).url,
        "RSS feed": insights + "feed/rss/",
        "standard page": page(StandardPage, translation_key=source_about.translation_key).url,
        "search": f"/{language}/search/?q=Partnerschaft",
    }


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_every_public_page_type_stays_within_the_query_budget(client, settings, language):
    settings.PAGE_CACHE_SECONDS = 0
    costs = {}
    for name, url in urls(language).items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        costs[name] = len(queries)
    assert {name: cost for name, cost in costs.items() if cost > BUDGET} == {}
