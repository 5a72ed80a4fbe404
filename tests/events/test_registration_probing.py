"""Nobody learns from the registration form whether an address is registered: the answer is
the same for a new address and a registered one, and the address's owner is told by email."""

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration, RegistrationMessage
from home.localization import get_locale
from tests.support.factories import make_event
from tests.support.html import soup
from tests.support.registration import on_site, without_double_opt_in

pytestmark = pytest.mark.django_db

CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def make_translated_event(title, capture, **rules):
    page = make_event(
        title, timezone.now() + datetime.timedelta(days=10), registration=on_site(**rules)
    )
    with capture(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("en")]).create_translations(page)
    page.get_translation(get_locale("en")).save_revision().publish()
    # Addresses confirmed at once: what the owner of a registered address is told is the
    # same with double opt-in (tests/events/test_double_opt_in.py).
    return without_double_opt_in(EventPage.objects.get(pk=page.pk))


def post(client, page, capture, email, name="Ana Souza"):
    data = {"name": name, "email": email, "consent": "on", "website": ""}
    with capture(execute=True):
        return client.post(page.url, data)


def what_a_visitor_sees(client, response):
    """Status, headers and page of an answer, and of the page it redirects to (CSRF tokens,
    different for every answer anyway, left out)."""
    headers = {name: value for name, value in response.items() if name.lower() != "date"}
    seen = [response.status_code, headers, CSRF_VALUE.sub(b"", response.content)]
    if response.status_code == 302:
        seen.append(what_a_visitor_sees(client, client.get(response["Location"])))
    return seen


def test_an_open_event_answers_alike_for_new_and_registered_addresses(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered afresh, none copied from another
    capture = django_capture_on_commit_callbacks
    event = make_translated_event("Offen", capture, capacity=5, waiting_list=False)
    english = event.get_translation(get_locale("en"))
    post(client, english, capture, "owner@example.org", name="Olga Owner")
    mail.outbox.clear()

    new = post(client, event, capture, "newcomer@example.org")
    again = post(client, event, capture, " Owner@Example.org ", name="Someone Else")
    assert what_a_visitor_sees(client, new) == what_a_visitor_sees(client, again)
    # The answer tells the visitor where to look, and nothing about the address.
    received = soup(client.get(new["Location"]))
    assert "Bitte sehen Sie in Ihrem Postfach nach" in received.get_text()
    assert "bestätigt" not in received.find("h1").get_text()

    # One registration per address; the owner's is untouched.
    owner = Registration.objects.get(email="owner@example.org")
    assert owner.name == "Olga Owner" and owner.status == "confirmed"
    assert Registration.objects.filter(event_key=event.translation_key).count() == 2
    # The owner is told, in the language they registered in, with their own links.
    notices = [message for message in mail.outbox if message.to == ["owner@example.org"]]
    assert len(notices) == 1
    notice = notices[0]
    assert notice.subject == f"You are already registered: {english.title}"
    assert notice.body.startswith("Hello Olga Owner,\n")
    assert "Someone Else" not in notice.body
    status_url = re.search(r"http://testserver(\S+/registration/\S+/)", notice.body).group(1)
    assert "Your place is confirmed." in client.get(status_url).content.decode()
    assert re.search(r"/cancel/[^/\s]+/", notice.body)
    assert owner.messages.filter(kind="already_registered", status="sent").exists()


def test_a_full_event_without_waiting_list_answers_alike_and_emails_both(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    capture = django_capture_on_commit_callbacks
    event = make_translated_event("Voll", capture, capacity=1, waiting_list=False)
    post(client, event, capture, "owner@example.org", name="Olga Owner")
    mail.outbox.clear()

    registered = post(client, event, capture, "owner@example.org")
    new = post(client, event, capture, "newcomer@example.org")
    assert what_a_visitor_sees(client, registered) == what_a_visitor_sees(client, new)
    assert "Die Veranstaltung ist leider ausgebucht." in soup(new).get_text()
    assert not Registration.objects.filter(email="newcomer@example.org").exists()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"owner@example.org", "newcomer@example.org"}
    assert by_address["owner@example.org"].subject.startswith("Sie sind bereits angemeldet")
    # The newcomer learns by email, too, that they have no place.
    full = by_address["newcomer@example.org"]
    assert full.subject == f"Ausgebucht: {event.title}"
    assert "nicht angemeldet" in full.body
    assert event.url in full.body


def test_the_full_notice_is_in_the_language_of_the_page(client, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    event = make_translated_event("Klein", capture, capacity=1, waiting_list=False)
    post(client, event, capture, "first@example.org")
    mail.outbox.clear()
    post(client, event.get_translation(get_locale("en")), capture, "late@example.org")
    assert [message.subject for message in mail.outbox] == [
        f"Fully booked: {event.get_translation(get_locale('en')).title}"
    ]


def test_the_owner_is_told_once_however_often_the_address_is_tried(
    client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = make_translated_event("Wiederholt", capture, capacity=5, waiting_list=True)
    post(client, event, capture, "owner@example.org")
    mail.outbox.clear()
    for _attempt in range(3):
        post(client, event, capture, "owner@example.org")
    assert len(mail.outbox) == 1
    assert RegistrationMessage.objects.filter(kind="already_registered").count() == 1


def test_a_new_address_is_told_once_an_hour_that_the_event_is_full(
    client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = make_translated_event("Ausgebucht", capture, capacity=1, waiting_list=False)
    post(client, event, capture, "first@example.org")
    mail.outbox.clear()
    english = event.get_translation(get_locale("en"))
    # Tried twice, on two language versions (one list) and in other letter case.
    for page, address in ((event, "target@example.org"), (english, " Target@Example.ORG ")):
        response = post(client, page, capture, address)
        assert response.status_code == 200  # the fully booked message, each time
    post(client, event, capture, "other@example.org")
    assert [message.to for message in mail.outbox] == [
        ["target@example.org"],
        ["other@example.org"],
    ]
