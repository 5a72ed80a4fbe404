"""Double opt-in: a registration from the public form holds its place (or its position on
the waiting list) for a short time, until its address is confirmed with the emailed link;
unconfirmed ones lapse and free the place, so nobody can register someone else's address."""

import datetime

import pytest

from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Registration, RegistrationList
from events.registration.offers import sweep
from events.registration.opt_in import confirm_address
from events.registration.services import register_for_event
from events.registration.tokens import make_token, personal_path
from tests.support.factories import make_event
from tests.support.html import (
    assert_a_personal_page,
    soup,
    text,
)
from tests.support.registration import answer_link, on_site, published_translation

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def in_german(msgid):
    """The German wording the visitor reads on the event's (German) pages."""
    with translation.override("de"):
        return gettext(msgid)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def make_workshop(capacity=1, starts_in=datetime.timedelta(days=10)):
    # No RegistrationList row yet: the defaults apply, addresses are confirmed first.
    return make_event("Werkstatt", NOW + starts_in, registration=on_site(capacity=capacity))


def register(event, email, **extra):
    return register_for_event(
        event, language="de", name=email.split("@")[0], email=email, now=NOW, **extra
    )


def form_data(email):
    return {
        "name": "Ana Souza",
        "email": email,
        "organisation": "",
        "stakeholder_group": "",
        "country": "",
        "accessibility_needs": "",
        "consent": "on",
        "website": "",
    }


def test_the_form_holds_a_place_until_the_address_is_confirmed_with_one_button(
    client, django_capture_on_commit_callbacks
):
    event = make_workshop()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, form_data("ana@example.org"))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "pending" and registration.holds_place
    assert registration.expires_at - registration.created_at < datetime.timedelta(
        hours=2, seconds=5
    )
    (email,) = mail.outbox
    assert email.to == ["ana@example.org"]
    assert email.subject.endswith(": Werkstatt") and "Ihre Anmeldung:" not in email.subject
    assert not email.attachments  # no calendar entry before the place is confirmed
    link = answer_link(email, "confirm")

    # The place is held: the next person waits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data("ben@example.org"))
    ben = Registration.objects.get(email="ben@example.org")
    assert ben.status == "pending" and not ben.holds_place

    # Opening the link (a mail scanner does) confirms nothing; the button does.
    page = client.get(link)
    assert page.status_code == 200
    assert in_german("Yes, confirm my registration") in page.text
    assert Registration.objects.get(email="ana@example.org").status == "pending"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link, follow=True)
    assert "Ihr Platz ist bestätigt." in done.text
    assert Registration.objects.get(email="ana@example.org").status == "confirmed"
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Ihre Anmeldung: Werkstatt"
    assert any(part.get_content_type() == "text/calendar" for part in confirmation.attachments)
    # Pressing it again changes nothing and sends nothing.
    client.post(link)
    assert len(mail.outbox) == 1


def test_a_confirmed_address_without_a_place_waits_in_the_order_it_registered(
    django_capture_on_commit_callbacks,
):
    event = make_workshop()
    register(event, "ana@example.org")
    early = register(event, "ben@example.org")
    register_for_event(  # staff's registrations need no confirming
        event, language="de", name="Cem", email="cem@example.org", by_staff=True
    )
    assert Registration.objects.get(email="cem@example.org").status == "waiting"
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm_address(early, now=NOW) == "waiting"
    early.refresh_from_db()
    assert early.status == "waiting" and early.address_confirmed_at == NOW
    assert "Warteliste" in mail.outbox[-1].subject
    # Ben registered before Cem: he is first in line, although he confirmed later.
    waiting = Registration.objects.filter(status="waiting").order_by("created_at", "pk")
    assert [r.email for r in waiting] == ["ben@example.org", "cem@example.org"]


def test_an_unconfirmed_address_lapses_and_its_place_is_offered_on(
    client, django_capture_on_commit_callbacks
):
    event = make_workshop()
    unconfirmed = register(event, "someone-else@example.org")
    waiting = register(event, "ben@example.org")
    confirm_address(waiting, now=NOW)
    assert Registration.objects.get(pk=waiting.pk).status == "waiting"
    assert unconfirmed.expires_at == NOW + datetime.timedelta(hours=2)

    assert sweep(now=NOW + datetime.timedelta(hours=2) - datetime.timedelta(seconds=1)) == (0, 0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(now=NOW + datetime.timedelta(hours=2)) == (1, 1)
    assert Registration.objects.get(pk=unconfirmed.pk).status == "expired"
    assert Registration.objects.get(pk=waiting.pk).status == "offered"
    # The owner of an address never confirmed is not written to again.
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]

    # The lapsed registration's link says so, and confirms nothing.
    page = client.post(personal_path(event, unconfirmed, "confirm"))
    assert (
        in_german("This registration has lapsed: the address was not confirmed in time.")
        in page.text
    )
    assert Registration.objects.get(pk=unconfirmed.pk).status == "expired"
    # The address is free to register again.
    again = register_for_event(
        event,
        language="de",
        name="X",
        email="someone-else@example.org",
        now=NOW + datetime.timedelta(hours=3),
    )
    assert again.status == "pending" and not again.holds_place


def test_a_lapsed_place_is_free_for_the_next_registration_even_before_the_sweep():
    event = make_workshop()
    register(event, "ana@example.org")
    later = register_for_event(
        event,
        language="de",
        name="Ben",
        email="ben@example.org",
        now=NOW + datetime.timedelta(hours=2, minutes=1),
    )
    assert later.holds_place
    assert Registration.objects.get(email="ana@example.org").status == "expired"


def test_the_confirmation_time_never_runs_past_the_start():
    event = make_workshop(starts_in=datetime.timedelta(minutes=50))
    registration = register(event, "ana@example.org")
    assert registration.expires_at == event.starts_at


def test_with_double_opt_in_off_the_form_confirms_at_once():
    event = make_workshop()
    RegistrationList.objects.create(event_key=event.translation_key, double_opt_in=False)
    assert register(event, "ana@example.org").status == "confirmed"
    assert register(event, "ben@example.org").status == "waiting"


def test_a_registered_address_gets_the_same_page_and_its_owner_an_email(
    client, django_capture_on_commit_callbacks
):
    event = make_workshop(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(event.url, form_data("ana@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_link(mail.outbox[0], "confirm"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(event.url, form_data("ana@example.org"))
    assert second.status_code == first.status_code == 302
    assert second["Location"] == first["Location"]
    (notice,) = mail.outbox
    assert notice.to == ["ana@example.org"]
    assert "bereits angemeldet" in notice.subject
    assert Registration.objects.count() == 1


def test_an_address_not_confirmed_yet_is_sent_its_link_again_not_twice_an_hour(
    client, django_capture_on_commit_callbacks
):
    event = make_workshop(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data("ana@example.org"))
    mail.outbox.clear()
    registration = Registration.objects.get()
    # An hour later, someone types the address again: its link comes again.
    registration.messages.update(created_at=timezone.now() - datetime.timedelta(hours=1, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data("ana@example.org"))
        client.post(event.url, form_data("ana@example.org"))
    (again,) = mail.outbox
    assert answer_link(again, "confirm") == personal_path(event, registration, "confirm")
    assert Registration.objects.count() == 1


def test_the_personal_page_says_the_address_is_not_confirmed_yet_and_until_when(client):
    event = make_workshop()
    registration = register(event, "ana@example.org")
    text = " ".join(client.get(personal_path(event, registration, "view")).text.split())
    assert in_german("Please confirm your address: your registration is not complete yet.") in text
    assert in_german("Until then, we keep a place for you.") in text


def test_the_confirmation_page_stays_out_of_search_engines_and_switches_language_in_place(
    client,
):
    event = make_workshop()
    english = published_translation(event)
    registration = register(event, "ana@example.org")
    german_path = personal_path(event, registration, "confirm")
    page = client.get(german_path)
    english_path = personal_path(english, registration, "confirm")
    assert_a_personal_page(
        page,
        token=make_token(registration, "confirm"),
        languages={"de": german_path, "en": english_path},
    )

    in_english = client.get(english_path)
    assert in_english.status_code == 200
    assert soup(in_english).h1.get_text() == "Confirm your registration"
    assert "Please confirm that ana@example.org is your address" in text(in_english)
    assert Registration.objects.get().status == "pending"  # opening it confirms nothing
