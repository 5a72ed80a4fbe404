"""Measure the site search inside one process: median and p90 of the search view, uncached.

Usage (settings and database from the environment, as the server would have them):

    DATABASE_URL=sqlite:///.bench/large.sqlite3 .venv/bin/python bench/search.py --table

For each query (by default the benchmark's word, found on most pages of the large site, and
two words that must both be found) it requests the first page of results in the source
language with Django's test client, the page cache off and every cache a dummy one, after
one warm-up request. It reports the queries of one request, the median and 90th percentile
of `--runs` requests (fewer, but at least three, when a query takes longer than `--budget`
seconds in all) and the median CPU time of the process, which an SQLite database is part
of: steadier than the clock on a shared machine.

`--backend` measures another search backend in place of the configured one, e.g.
`wagtail.search.backends.database` (Wagtail's own), for a before and after.

Prints JSON, or a short table with `--table`. It stops by itself.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.dev")

QUERIES = ["Partnerschaften", "Partnerschaften Agenda"]
HOST = "127.0.0.1"
# The table's columns: key, title, alignment and width, number format.
COLUMNS = [
    ("query", "query", "<28", ""),
    ("results", "results", ">8", ""),
    ("queries", "queries", ">7", ""),
    ("median_ms", "median ms", ">10", ".1f"),
    ("p90_ms", "p90 ms", ">8", ".1f"),
    ("cpu_median_ms", "cpu ms", ">7", ".1f"),
    ("runs", "runs", ">5", ""),
]


def search_url(query):
    from wagtail.models import Locale

    return f"/{Locale.get_default().language_code}/search/?{urlencode({'q': query})}"


def measure_query(client, query, runs, budget):
    from bs4 import BeautifulSoup

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = search_url(query)
    client.get(url)  # process-wide lookups (content types, the site) warm, as in a worker
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # now: each request clears the connection's query log
    # "2495 Ergebnisse für …": the number of pages found, in the page's language.
    count = BeautifulSoup(response.content, "html.parser").find(class_="result-count")
    times, cpu_times = [], []
    deadline = time.perf_counter() + budget
    while len(times) < runs and (len(times) < 3 or time.perf_counter() < deadline):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    times.sort()
    return {
        "query": query,
        "url": url,
        "status": response.status_code,
        "results": count.get_text(" ", strip=True).split()[0] if count else "0",
        "queries": query_count,
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": times[round(0.9 * (len(times) - 1))] * 1000,
        "cpu_median_ms": statistics.median(cpu_times) * 1000,
        "runs": len(times),
    }


def measure(queries, runs, budget, backend):
    from django.conf import settings
    from django.test import Client, override_settings

    overrides = {
        "PAGE_CACHE_SECONDS": 0,
        "CACHES": {
            alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
            for alias in settings.CACHES
        },
    }
    if backend:
        overrides["WAGTAILSEARCH_BACKENDS"] = {"default": {"BACKEND": backend}}
    client = Client(HTTP_HOST=HOST)
    with override_settings(**overrides):
        return [measure_query(client, query, runs, budget) for query in queries]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="*", default=QUERIES, help="what to search for")
    parser.add_argument("--runs", type=int, default=20, help="requests per query")
    parser.add_argument(
        "--budget", type=float, default=60, help="seconds per query for runs (at least 3)"
    )
    parser.add_argument("--backend", default="", help="search backend in place of the settings'")
    parser.add_argument("--table", action="store_true", help="a table instead of JSON")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    report = {
        "searches": measure(args.queries, max(args.runs, 1), args.budget, args.backend),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "backend": args.backend or settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    }
    if not args.table:
        print(json.dumps(report))
        return
    print(f"{report['database']}, {report['backend']}")
    print(" ".join(f"{title:{width}}" for _key, title, width, _format in COLUMNS))
    for row in report["searches"]:
        print(" ".join(f"{row[key]:{width}{format}}" for key, _title, width, format in COLUMNS))


if __name__ == "__main__":
    main()
