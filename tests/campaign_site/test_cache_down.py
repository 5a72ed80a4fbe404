"""The cache server is down: pages are still served (rendered afresh), registrations right."""

import datetime
import logging
import socket
import threading
import time

import pytest

from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign_site.cache import breaker, versions
from campaign_site.settings.base import redis_caches
from events.models import Registration
from tests.support.factories import make_event
from tests.support.redis_server import BlackHole, own_redis, redis_available
from tests.support.registration import on_site, without_double_opt_in

pytestmark = pytest.mark.django_db


def closed_loopback_port():
    """A loopback port nobody listens on (bound once by us, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    """The production cache configuration, pointed at a Redis server that is not there."""
    breaker.reset()
    caches = redis_caches(f"redis://127.0.0.1:{closed_loopback_port()}/0")
    with override_settings(CACHES=caches):
        assert cache.set("probe", 1) is None and cache.get("probe") is None  # really down
        yield
    breaker.reset()


@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/en/events/",
        "/fr/",
        "/de/erkenntnisse/",
        "/de/search/?q=partnerschaft",
        "/de/erkenntnisse/feed/rss/",
        "/de/veranstaltungen/calendar/",
        "/sitemap.xml",
    ],
)
def test_pages_are_served_without_the_cache_server(redis_down, path):
    client = Client()
    for _visit in range(2):
        response = client.get(path)
        assert response.status_code == 200
        # Nothing could be kept: every visit is rendered afresh, never an error.
        assert response.get("X-Page-Cache") != "hit"


def test_registrations_stay_right_without_the_cache_server(
    redis_down, django_capture_on_commit_callbacks
):
    event = make_event(
        "Ohne Cache", timezone.now() + datetime.timedelta(days=7), registration=on_site(1)
    )
    without_double_opt_in(event)
    client = Client()
    page = client.get(event.url)
    assert page.status_code == 200
    assert "ausgebucht" not in page.text
    for name, email in (("Ana", "ana@example.org"), ("Ben", "ben@example.org")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                event.url, {"name": name, "email": email, "consent": "on", "website": ""}
            )
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"ana@example.org": "confirmed", "ben@example.org": "waiting"}
    assert [message.to for message in mail.outbox] == [["ana@example.org"], ["ben@example.org"]]
    # The event page shows it is full at once (no stale places count from a cache).
    assert "ausgebucht" in client.get(event.url).text


def production_caches(url):
    """The cache settings of production, for the Redis server at `url`."""
    return {"CACHES": redis_caches(url)}


@pytest.fixture
def breaker_reset():
    """Each test starts with Redis taken as reachable, as a fresh process does."""
    breaker.reset()
    yield
    breaker.reset()


def test_an_outage_is_logged_once_in_one_line_and_every_call_gives_up_at_once(
    breaker_reset, caplog
):
    hole = BlackHole()  # a frozen Redis: connections hang, nothing answers
    calls_done = threading.Event()

    def many_calls():
        for number in range(20):
            cache.get(f"key-{number}")
            cache.set(f"key-{number}", number)
        calls_done.set()

    try:
        with override_settings(**production_caches(hole.url)), caplog.at_level(logging.INFO):
            threading.Thread(target=many_calls, daemon=True).start()
            # Each call would otherwise wait for the socket timeout (or for ever).
            assert calls_done.wait(timeout=10), "cache calls hang on a frozen Redis"
    finally:
        hole.close()
    # After the first timeout, Redis is skipped for a few seconds: one connection only.
    assert hole.accepted == 1
    outage_lines = [record for record in caplog.records if "redis" in record.getMessage().lower()]
    assert len(outage_lines) == 1
    assert outage_lines[0].exc_info is None and "\n" not in outage_lines[0].getMessage()


@pytest.mark.skipif(not redis_available(), reason="needs redis-server")
def test_during_an_outage_each_process_caches_briefly_and_nothing_stale_survives_it(
    breaker_reset, monkeypatch
):
    # What a process keeps during an outage lasts until the clock's current window of
    # OUTAGE_SECONDS ends; two visits that straddle its end (a loaded machine) would share
    # nothing. A window longer than the test keeps the comparison about reuse, not timing.
    monkeypatch.setattr(versions, "OUTAGE_SECONDS", 3600)
    event = make_event("Werkstatt", timezone.now() + datetime.timedelta(days=7))
    client = Client()
    with own_redis() as redis, override_settings(**production_caches(redis.url)):
        assert "Werkstatt" in client.get(event.url).text  # cached in Redis
        assert client.get(event.url)["X-Page-Cache"] == "hit"

        redis.pause()
        with CaptureQueriesContext(connection) as first:
            assert "Werkstatt" in client.get(event.url).text
        queries_first = len(first.captured_queries)
        with CaptureQueriesContext(connection) as second:
            assert "Werkstatt" in client.get(event.url).text
        # The second visit reuses what this process kept (fragments, menus) a moment ago.
        assert len(second.captured_queries) < queries_first

        # An editor's change while Redis is away shows in this process at once...
        event.title = "Werkstatt (verschoben)"
        event.save_revision().publish()
        assert "Werkstatt (verschoben)" in client.get(event.url).text

        redis.resume()
        time.sleep(breaker.SKIP_SECONDS + 0.1)
        # ...and after Redis is back, nothing cached before the change is served.
        page = client.get(event.url)
        assert "Werkstatt (verschoben)" in page.text
