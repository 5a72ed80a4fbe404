"""An event is one calendar entry wherever its calendar file comes from: the page's
download under any host name of the site, or the registration email's attachment."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from events.registration.services import register_for_event
from tests.support.factories import make_event
from tests.support.ical import strict_calendar
from tests.support.registration import on_site, without_double_opt_in

pytestmark = pytest.mark.django_db


def uids(ics):
    # Django keeps text attachments as text; the file sent is its UTF-8 encoding.
    ics = ics.encode() if isinstance(ics, str) else ics
    return [str(vevent["uid"]) for vevent in strict_calendar(ics).walk("VEVENT")]


@pytest.fixture
def event():
    return without_double_opt_in(
        make_event(
            "Werkstatt", timezone.now() + datetime.timedelta(days=10), registration=on_site()
        )
    )


def downloaded_uids(client, url, host):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return uids(response.content)


def test_the_same_event_has_one_uid_whatever_the_host(client, event):
    url = event.url + "calendar/"
    [via_localhost] = downloaded_uids(client, url, "localhost")
    [via_address] = downloaded_uids(client, url, "127.0.0.1")
    assert via_localhost == via_address
    assert via_localhost.startswith(f"{event.translation_key}@")


def test_the_index_calendar_and_the_email_attachment_use_the_pages_uid(
    client, event, django_capture_on_commit_callbacks
):
    [on_page] = downloaded_uids(client, event.url + "calendar/", "localhost")
    assert on_page in downloaded_uids(client, "/de/veranstaltungen/calendar/", "127.0.0.1")
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(event, language="de", name="Ana Souza", email="ana@example.org")
    [email] = mail.outbox
    [part] = email.attachments
    assert part.get_content_type() == "text/calendar"
    assert uids(part.get_payload(decode=True)) == [on_page]
