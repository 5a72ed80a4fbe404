"""The cache server is down: pages are still served (rendered afresh), registrations right."""

import datetime
import socket

import pytest

from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from events.models import Registration
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db


def closed_loopback_port():
    """A loopback port nobody listens on (bound once by us, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    """The production cache configuration, pointed at a Redis server that is not there."""
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_loopback_port()}/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    with override_settings(CACHES=caches, DJANGO_REDIS_IGNORE_EXCEPTIONS=True):
        assert cache.set("probe", 1) is None and cache.get("probe") is None  # really down
        yield


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
