"""Measure an event page while Redis is up, unreachable (connection refused) and frozen
(connections hang), inside one process; prints median render times and their ratio to
"up". The page cache is off, so each request renders; fragments are cached as configured.

Usage (a database with content, e.g. after `manage.py load_demo_content`; a Redis server):

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/cache_outage.py --renders 30

`--before` uses the configuration before the circuit breaker (django-redis's own client,
no socket timeouts, a logged traceback per failed call); its "frozen" case is skipped
because every call would wait for ever. It stops by itself.
"""

import argparse
import json
import logging
import os
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.dev")


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def frozen_server():
    """A listener that accepts connections into its backlog and never answers."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=1000)
    return listener, listener.getsockname()[1]


def caches_for(url, before):
    from campaign_site.settings.base import redis_caches

    caches = redis_caches(url)
    if before:
        options = caches["default"]["OPTIONS"]
        options["CLIENT_CLASS"] = "django_redis.client.DefaultClient"
        del options["SOCKET_CONNECT_TIMEOUT"], options["SOCKET_TIMEOUT"]
    return caches


def median_ms(url, renders):
    from django.test import Client

    client = Client()
    client.get(url)  # warm-up: the fragments this process can keep
    times = []
    for _render in range(renders):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--before", action="store_true")
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test.utils import override_settings

    from campaign_site.cache import breaker
    from events.models import EventPage

    logging.disable(logging.CRITICAL)  # the log is not what is measured
    event_url = EventPage.objects.live().filter(locale__language_code="de").first().url
    settings.ALLOWED_HOSTS = ["*"]
    listener, frozen_port = frozen_server()
    scenarios = {
        "up": os.environ["REDIS_URL"],
        "unreachable": f"redis://127.0.0.1:{closed_port()}/0",
    }
    if not arguments.before:
        scenarios["frozen"] = f"redis://127.0.0.1:{frozen_port}/0"
    results = {}
    for name, url in scenarios.items():
        breaker.reset()
        with override_settings(
            CACHES=caches_for(url, arguments.before),
            PAGE_CACHE_SECONDS=0,
            DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=arguments.before,
        ):
            caches["local"].clear()
            results[name] = round(median_ms(event_url, arguments.renders), 2)
    listener.close()
    ratios = {name: round(value / results["up"], 2) for name, value in results.items()}
    print(json.dumps({"page": event_url, "median_ms": results, "ratio_to_up": ratios}))


if __name__ == "__main__":
    main()
