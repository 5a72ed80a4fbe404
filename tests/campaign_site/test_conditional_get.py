"""Conditional requests (ETag, Last-Modified, 304) on any page, and never on a personal one.

`ConditionalGetMiddleware` sits outside the page cache: what it answers with 304 is what the
visitor would have been sent, from the cache or freshly made; a response about one person
(`Cache-Control: no-store`) gets no validator at all.
"""

import datetime

import pytest

from django.utils import timezone

from events.registration.services import register_for_event
from events.registration.tokens import personal_path
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db


def test_a_page_from_the_page_cache_answers_304_with_the_same_vary(client):
    first = client.get("/en/")
    assert first.status_code == 200
    again = client.get("/en/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.get("Vary") == client.get("/en/").get("Vary")
    # The cached page is the same page for everyone: a different ETag gets it in full.
    assert client.get("/en/", headers={"if-none-match": '"other"'}).status_code == 200


def test_a_personal_page_never_answers_304(client, django_capture_on_commit_callbacks):
    event = make_event(
        "Werkstatt", timezone.now() + datetime.timedelta(days=5), registration=on_site()
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_event(
            event, language="de", name="Ada Beispiel", email="ada@example.org"
        )
    path = personal_path(event, registration, "view")
    first = client.get(path)
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert not first.has_header("ETag")
    future = "Fri, 01 Jan 2100 00:00:00 GMT"
    for headers in ({"if-none-match": "*"}, {"if-modified-since": future}):
        again = client.get(path, headers=headers)
        assert again.status_code == 200
        assert b"Ihre Anmeldung" in again.content
