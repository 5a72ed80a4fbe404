"""The large-site generator writes in bulk, without signals: pages cached before it ran must
not be served old afterwards (it renews the content version itself)."""

import io

import pytest

from django.core.cache import caches
from django.core.management import call_command

from events.models import EventIndexPage
from home.models import HomePage
from insights.models import InsightIndexPage

pytestmark = pytest.mark.django_db

LISTINGS = (HomePage, EventIndexPage, InsightIndexPage)


def urls():
    return [page.url for model in LISTINGS for page in model.objects.live().order_by("pk")]


def test_no_page_cached_before_generating_is_served_old_afterwards(client, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    for url in urls():
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    call_command(
        "generate_large_site",
        "--events=3",
        "--insights=4",
        "--partners=1",
        "--people=1",
        "--images=0",
        "--registrations=0",
        stdout=io.StringIO(),
    )
    after = {url: client.get(url) for url in urls()}
    for alias in caches:
        caches[alias].clear()
    for url, response in after.items():
        assert response["X-Page-Cache"] == "miss", url
        assert response.content == client.get(url).content, url
