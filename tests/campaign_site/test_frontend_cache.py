"""The frontend cache (Varnish or a CDN) is told when a page changes."""

from unittest import mock
from urllib.parse import urlsplit

import pytest

from django.test import override_settings

from home.models import HomePage, StandardPage
from tests.support.commands import PRODUCTION, run_manage
from tests.support.factories import make_event

VARNISH = {
    "varnish": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://cache.internal:6081",
    }
}


@pytest.mark.django_db
def test_publishing_a_page_purges_its_url_from_the_configured_cache(
    django_capture_on_commit_callbacks,
):
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(title="Presse", slug="presse", intro="Kontakt für die Presse.")
    home.add_child(instance=page)
    with (
        override_settings(WAGTAILFRONTENDCACHE=VARNISH),
        mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as urlopen,
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    purged = [call.args[0] for call in urlopen.call_args_list]
    assert purged, "nothing was purged"
    assert {request.get_method() for request in purged} == {"PURGE"}
    assert "http://cache.internal:6081/de/presse/" in [request.full_url for request in purged]
    site = page.get_site()
    assert {request.get_header("Host") for request in purged} == {f"{site.hostname}:{site.port}"}


@pytest.mark.django_db
def test_publishing_an_event_also_purges_its_listing_its_calendar_and_the_overview(
    django_capture_on_commit_callbacks,
):
    with override_settings(WAGTAILFRONTENDCACHE=VARNISH):
        event = make_event("Neues Treffen", live=False)
        with (
            mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as urlopen,
            django_capture_on_commit_callbacks(execute=True),
        ):
            event.save_revision().publish()
    purged = {urlsplit(call.args[0].full_url).path for call in urlopen.call_args_list}
    index = event.get_parent()
    assert {event.url, index.url, f"{index.url}calendar/", "/de/"} <= purged


@pytest.mark.django_db
def test_without_a_configured_cache_nothing_is_purged(django_capture_on_commit_callbacks):
    page = StandardPage.objects.filter(locale__language_code="de").live().first()
    with (
        mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as urlopen,
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    urlopen.assert_not_called()


def production_setting(**env):
    return run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILFRONTENDCACHE)",
        **PRODUCTION,
        **env,
    )


def test_production_reads_the_frontend_cache_from_the_environment():
    varnish = production_setting(
        FRONTEND_CACHE_BACKEND="http", FRONTEND_CACHE_LOCATION="http://127.0.0.1:6081"
    )
    assert varnish.returncode == 0, varnish.stderr
    assert "HTTPBackend" in varnish.stdout and "http://127.0.0.1:6081" in varnish.stdout

    cloudflare = production_setting(
        FRONTEND_CACHE_BACKEND="cloudflare", CLOUDFLARE_BEARER_TOKEN="t", CLOUDFLARE_ZONE_ID="z"
    )
    assert cloudflare.returncode == 0, cloudflare.stderr
    assert "CloudflareBackend" in cloudflare.stdout

    none = production_setting(FRONTEND_CACHE_BACKEND="")
    assert none.stdout.strip().endswith("{}")

    incomplete = production_setting(FRONTEND_CACHE_BACKEND="http")
    assert incomplete.returncode != 0
    assert "needs FRONTEND_CACHE_LOCATION" in incomplete.stderr
