"""Measure the benchmarked pages inside one process: SQL queries and uncached render time.

Usage (settings and database from the environment, as the server would have them):

    DATABASE_URL=sqlite:///.bench/large.sqlite3 .venv/bin/python bench/render.py --renders 30

For each page of `bench/pages.py` it renders the page with Django's test client, and
reports the queries of one request and the median time of `--renders` requests (fewer, but
at least three, when a page takes longer than `--budget` seconds in all):

- page cache off, the configured cache for everything else, after one warm-up request (a
  page-cache miss on a running site);
- every cache replaced by a dummy one (the first view after content changed);
- and, with the page cache on, the queries of a repeated request (a page-cache hit).

Prints JSON.
`bench/pages.py` runs it; it stops by itself.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.dev")

SEARCH_TERM = "Partnerschaften"
STATIC_FILE = "js/local-time.js"
HOST = "127.0.0.1"


def page_urls():
    """The benchmarked pages of the source language, chosen the same way at every size."""
    from django.utils import timezone

    from wagtail.models import Locale

    from events.models import EventIndexPage, EventPage
    from events.registration.setup import registration_setup
    from home.models import HomePage
    from insights.models import InsightIndexPage, InsightPage

    locale = Locale.get_default()
    home = HomePage.objects.get(locale=locale, depth=2)
    event_index = EventIndexPage.objects.get(locale=locale)
    insight_index = InsightIndexPage.objects.get(locale=locale)
    # The soonest upcoming event whose registration form is open and asks questions.
    event = next(
        event
        for event in EventPage.objects.live()
        .filter(locale=locale, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
        .iterator()
        if (setup := registration_setup(event))
        and setup.kind == "on_site"
        and setup.state() == "open"
        and setup.questions
    )
    # The newest insight with a hero image that reports on an event.
    insight = (
        InsightPage.objects.live()
        .filter(locale=locale, hero_image__isnull=False, event_links__isnull=False)
        .order_by("-publication_date", "-pk")
        .first()
    )
    return [
        ("overview", home.url),
        ("event index", event_index.url),
        ("event page (open form)", event.url),
        ("insight index", insight_index.url),
        ("insight page", insight.url),
        ("search", f"/{locale.language_code}/search/?q={SEARCH_TERM}"),
        ("RSS feed", f"{insight_index.url}feed/rss/"),
        ("iCal feed", f"{event_index.url}calendar/"),
    ]


def static_url():
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url(STATIC_FILE)


def setup_summary():
    """What the measured site runs on (database, caches, DEBUG, versions), for a report."""
    import platform

    import django
    from django.conf import settings

    import wagtail

    return {
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "caches": {
            alias: cache["BACKEND"].rsplit(".", 1)[-1] for alias, cache in settings.CACHES.items()
        },
        "debug": settings.DEBUG,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "python": platform.python_version(),
    }


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def timed_renders(client, url, renders, budget):
    """Median seconds of up to `renders` requests (at least three, within `budget` seconds)."""
    times = []
    deadline = time.perf_counter() + budget
    while len(times) < renders and (len(times) < 3 or time.perf_counter() < deadline):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(times)


def measure(renders, budget, pages=None):
    """Queries and render times (see above) of each (name, URL) of `pages`, by default
    `page_urls()`."""
    from django.conf import settings
    from django.test import Client, override_settings

    client = Client(HTTP_HOST=HOST)
    dummy = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in settings.CACHES
    }
    results = []
    for name, url in pages if pages is not None else page_urls():
        # A page-cache miss on a running site: the page itself is rendered, the fragments
        # other pages share (header, footer, routes, image HTML, relations) come from the
        # cache. This is what every visitor with a session, every editor, every form sent
        # and every page after its event's places changed costs.
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(url)
            response, miss_queries = count_queries(client, url)
            miss_median, miss_renders = timed_renders(client, url, renders, budget)
        # Every cache off, fragments included: the first view after content changed.
        with override_settings(CACHES=dummy):
            client.get(url)  # process-wide lookups (content types) warm, as in a worker
            _response, cold_queries = count_queries(client, url)
            cold_median, _renders = timed_renders(client, url, renders, budget)
        client.get(url)
        _response, cached = count_queries(client, url)
        results.append(
            {
                "name": name,
                "url": url,
                "status": response.status_code,
                "bytes": len(response.content),
                "queries_miss": miss_queries,
                "queries_cold": cold_queries,
                "queries_cached": cached,
                "render_miss_ms": miss_median * 1000,
                "render_cold_ms": cold_median * 1000,
                "renders": miss_renders,
            }
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30, help="uncached renders per page")
    parser.add_argument(
        "--budget", type=float, default=10, help="seconds per page for renders (at least 3)"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    report = {
        "pages": measure(max(args.renders, 1), args.budget),
        "static_url": static_url(),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
