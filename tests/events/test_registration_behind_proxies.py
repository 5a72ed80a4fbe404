"""The registration rate limit counts the real client, whichever way a request arrives: from
the proxy in front, through two proxies, or straight to the app server with a forged header."""

import datetime

import pytest

from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def event():
    return make_event(
        "Dialog hinter dem Proxy",
        timezone.now() + datetime.timedelta(days=10),
        registration=on_site(capacity=50),
    )


def attempt(client, event, remote_addr, forwarded_for=None):
    """One registration attempt with an invalid email (nothing is stored); its status."""
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    data = {"name": "Ana Souza", "email": "not-an-address", "consent": "on", "website": ""}
    return client.post(event.url, data, **headers).status_code


@override_settings(
    REGISTRATION_RATE_LIMIT=(LIMIT, 600),
    TRUSTED_PROXY_COUNT=1,
    FORWARDED_ALLOW_IPS=["127.0.0.1", "::1"],
)
def test_a_client_reaching_the_app_server_directly_cannot_forge_its_address(client, event):
    # Each attempt claims another address; the app server sees who really connected.
    statuses = [
        attempt(client, event, "203.0.113.7", forwarded_for=f"198.51.100.{number}")
        for number in range(LIMIT + 1)
    ]
    assert statuses == [200] * LIMIT + [429]
    # Visitors coming through the proxy are counted apart, each by their own address.
    assert attempt(client, event, "127.0.0.1", forwarded_for="192.0.2.10") == 200


@override_settings(
    REGISTRATION_RATE_LIMIT=(LIMIT, 600),
    TRUSTED_PROXY_COUNT=2,
    FORWARDED_ALLOW_IPS=["10.0.0.0/8"],
)
def test_behind_a_load_balancer_and_nginx_each_client_has_its_own_count(client, event):
    # The load balancer (10.0.0.2) appends the client's address, nginx (10.0.0.5, the app
    # server's peer) appends the load balancer's.
    def through_both(client_address, claimed=""):
        prefix = f"{claimed}, " if claimed else ""
        return attempt(client, event, "10.0.0.5", f"{prefix}{client_address}, 10.0.0.2")

    assert [through_both("203.0.113.7") for _ in range(LIMIT + 1)] == [200] * LIMIT + [429]
    # Another visitor is not held up by the first one's attempts...
    assert through_both("192.0.2.44") == 200
    # ...and the first cannot escape the count by claiming other addresses.
    assert through_both("203.0.113.7", claimed="198.51.100.99") == 429
