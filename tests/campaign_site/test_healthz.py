"""/healthz: what a load balancer and the container health checks see."""

from unittest import mock

import pytest

from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_lives_outside_the_language_prefixes(client):
    # No redirect to /de/healthz, whatever language the client asks for.
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert reverse("healthz") == "/healthz"


def test_unavailable_when_the_database_does_not_answer(client):
    with mock.patch(
        "campaign_site.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "failing", "cache": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


def test_unavailable_when_the_cache_loses_what_was_stored(client):
    # What django-redis does when Redis is down and errors are ignored: get returns None.
    with mock.patch("campaign_site.views.cache.get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failing"}


def test_unavailable_when_the_cache_raises(client):
    with mock.patch("campaign_site.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing"
