"""Scheduled publishing: go-live and expiry dates take effect when `publish_scheduled` runs."""

import datetime
from unittest import mock

import pytest

from django.core.management import call_command
from django.utils import timezone

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def german_home():
    return HomePage.objects.get(locale__language_code="de")


def run_publish_scheduled(at):
    """The periodic command, as cron would run it at the moment `at`."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled")


def test_a_scheduled_page_goes_live_after_the_scheduled_command_runs(client):
    now = timezone.now()
    page = StandardPage(title="Aufruf zur Einreichung", slug="aufruf", intro="Ab Montag.")
    german_home().add_child(instance=page)
    page.unpublish()
    page.go_live_at = now + datetime.timedelta(hours=2)
    page.save_revision().publish()

    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    assert client.get("/de/aufruf/").status_code == 404

    run_publish_scheduled(now + datetime.timedelta(hours=1))
    assert client.get("/de/aufruf/").status_code == 404  # not yet

    run_publish_scheduled(now + datetime.timedelta(hours=2, minutes=5))
    page.refresh_from_db()
    assert page.live
    response = client.get("/de/aufruf/")
    assert response.status_code == 200
    assert "Ab Montag." in response.text


def test_an_expired_page_is_taken_offline_by_the_scheduled_command(client):
    now = timezone.now()
    page = StandardPage(
        title="Umfrage",
        slug="umfrage",
        intro="Machen Sie mit.",
        expire_at=now + datetime.timedelta(hours=1),
    )
    german_home().add_child(instance=page)
    page.save_revision().publish()
    assert client.get("/de/umfrage/").status_code == 200

    run_publish_scheduled(now + datetime.timedelta(hours=2))
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/de/umfrage/").status_code == 404
