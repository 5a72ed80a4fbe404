"""Calendar subscriptions poll often: a calendar that has not changed is answered with 304
Not Modified to the ETag the reader kept, whether or not it comes from the page cache."""

import contextlib
import datetime

import pytest

from django.utils import timezone

from tests.support.factories import make_event

pytestmark = pytest.mark.django_db

CALENDARS = ["/de/veranstaltungen/calendar/", "/fr/evenements/calendar/"]


@contextlib.contextmanager
def a_minute_later(monkeypatch):
    """The clock a minute on: the file made again says when it was made (DTSTAMP)."""
    later = timezone.now() + datetime.timedelta(minutes=1)
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        yield


@pytest.fixture
def event():
    return make_event("Werkstatt", timezone.now() + datetime.timedelta(days=10))


@pytest.mark.parametrize("page_cache_seconds", [3600, 0], ids=["page-cache", "no-page-cache"])
def test_an_unchanged_calendar_answers_304_to_its_etag(
    client, settings, monkeypatch, event, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    for url in [*CALENDARS, event.url + "calendar/"]:
        first = client.get(url)
        assert first.status_code == 200
        assert first["Content-Type"].startswith("text/calendar")
        assert first["ETag"]
        with a_minute_later(monkeypatch):
            again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        # Another calendar's ETag is no match.
        other = client.get(url, headers={"if-none-match": '"something-else"'})
        assert other.status_code == 200


def test_a_changed_calendar_is_sent_again_in_full(client, event):
    url = "/de/veranstaltungen/calendar/"
    first = client.get(url)
    event.title = "Werkstatt mit neuem Titel"
    event.save_revision().publish()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"Werkstatt mit neuem Titel" in again.content


def test_calendars_in_other_languages_have_other_etags(client):
    etags = {client.get(url)["ETag"] for url in CALENDARS}
    assert len(etags) == len(CALENDARS)
