"""Registering for an event: the rules a visitor, a waiting person and staff notice."""

import datetime
import io
import re
import socket
from unittest import mock

import pytest

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration, RegistrationList, RegistrationMessage
from events.registration.emails import retry_unsent
from events.registration.services import register_for_event
from events.registration.tokens import make_token, personal_path
from home.localization import get_locale
from tests.support.factories import make_event
from tests.support.html import (
    assert_a_personal_page,
    head_for_search_engines,
    soup,
    text,
)
from tests.support.registration import (
    QUESTION_ID,
    answer_link,
    language_question,
    on_site,
    without_double_opt_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    """An upcoming online event with 2 places and a waiting list, translated into English;
    addresses need no confirming (tests/events/test_double_opt_in.py is about that)."""
    page = make_event(
        "Dialog",
        timezone.now() + datetime.timedelta(days=10),
        registration=on_site(questions=[language_question()]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("en")]).create_translations(page)
    page.get_translation(get_locale("en")).save_revision().publish()
    return without_double_opt_in(EventPage.objects.get(pk=page.pk))


def english(event):
    return event.get_translation(get_locale("en"))


def form_data(**overrides):
    data = {
        "name": "Ana Souza",
        "email": "ana@example.org",
        "organisation": "Conselho Nacional",
        "stakeholder_group": "government",
        "country": "BR",
        "accessibility_needs": "",
        f"q_{QUESTION_ID}": "1",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(page.url, form_data(**overrides))


def test_registering_confirms_a_place_and_the_email_links_to_a_status_page(
    client, event, django_capture_on_commit_callbacks
):
    RegistrationList.objects.filter(event_key=event.translation_key).update(double_opt_in=True)
    response = post(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    received = client.get(response["Location"])
    assert "Bitte sehen Sie in Ihrem Postfach nach." in received.content.decode()
    assert Registration.objects.get().status == "pending"
    # The address is confirmed with the button behind the emailed link.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_link(mail.outbox[0], "confirm"))
    del mail.outbox[0]
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.email == "ana@example.org"
    assert registration.answers == {QUESTION_ID: 1}
    assert registration.language == "de"

    status_url = re.search(r"http://testserver(\S+/registration/\S+/)", mail.outbox[0].body)
    status = client.get(status_url.group(1))
    assert "Ihr Platz ist bestätigt." in status.text
    # Reloading either page registers nobody again.
    client.get(response["Location"])
    client.get(status_url.group(1))
    assert Registration.objects.count() == 1


def test_confirmation_email_in_the_registrants_language_with_calendar_and_cancel_link(
    client, event, django_capture_on_commit_callbacks
):
    post(client, english(event), django_capture_on_commit_callbacks, email="Ana@Example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert message.subject == f"Your registration: {english(event).title}"
    assert "Your place is confirmed." in message.body
    assert "/en/events/" in message.body
    part = message.attachments[0]
    assert part.get_filename().endswith(".ics") and part.get_content_type() == "text/calendar"
    assert b"BEGIN:VEVENT" in part.get_payload(decode=True)
    assert re.search(r"/cancel/[^/\s]+/", message.body)
    assert RegistrationMessage.objects.get().status == "sent"


def test_full_event_puts_people_on_the_waiting_list(
    client, event, django_capture_on_commit_callbacks
):
    for number in range(3):
        post(client, event, django_capture_on_commit_callbacks, email=f"p{number}@example.org")
    statuses = list(Registration.objects.order_by("created_at").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting"]
    waiting = mail.outbox[-1]
    assert "Warteliste" in waiting.subject
    # Someone waiting holds no place to give up: the link is to leave the waiting list.
    assert "tragen Sie sich bitte aus der Warteliste aus" in waiting.body
    assert "damit jemand anderes" not in waiting.body
    assert "damit jemand anderes" in mail.outbox[0].body
    page = soup(client.get(event.url))
    assert "ausgebucht" in page.find(class_="registration__status").get_text()
    assert page.find("button", type="submit").get_text(strip=True) == "Auf die Warteliste"


def test_full_event_without_waiting_list_says_so_and_stores_nothing(
    client, django_capture_on_commit_callbacks
):
    event = make_event(
        "Klein", timezone.now() + datetime.timedelta(days=3), registration=on_site(1, False)
    )
    post(client, event, django_capture_on_commit_callbacks, email="first@example.org")
    response = post(client, event, django_capture_on_commit_callbacks, email="second@example.org")
    assert response.status_code == 200
    assert Registration.objects.count() == 1
    page = soup(response)
    assert "Die Veranstaltung ist leider ausgebucht." in page.get_text()
    assert page.find("form", class_="registration-form") is None


def test_before_opening_and_after_closing_the_form_is_replaced_by_a_message(
    client, django_capture_on_commit_callbacks
):
    later = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    earlier = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    soon = make_event(
        "Bald offen",
        timezone.now() + datetime.timedelta(days=9),
        registration=on_site(opens_at=later),
    )
    over = make_event(
        "Geschlossen",
        timezone.now() + datetime.timedelta(days=9),
        registration=on_site(closes_at=earlier),
    )
    soon_page = soup(client.get(soon.url))
    assert soon_page.find("form", class_="registration-form") is None
    assert "Die Anmeldung öffnet am" in soon_page.find(class_="registration").get_text()
    over_page = soup(client.get(over.url))
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen." in over_page.get_text()
    # Posting anyway is refused with the same message, and nothing is stored.
    response = post(client, over, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_errors_are_in_the_visitors_language_next_to_the_field_with_input_kept(client, event):
    response = client.post(
        english(event).url,
        form_data(email="not-an-address", consent="", organisation="Rede Brasil"),
    )
    assert response.status_code == 200
    page = soup(response)
    summary = page.find(class_="form-error-summary")
    assert summary["role"] == "alert"
    assert "Enter a valid email address." in page.find(id="id_email-error").get_text()
    assert "Please agree to the privacy policy" in page.find(id="id_consent-error").get_text()
    assert page.find("input", attrs={"name": "organisation"})["value"] == "Rede Brasil"
    assert Registration.objects.count() == 0


def test_all_language_versions_share_one_capacity_and_list(
    client, event, django_capture_on_commit_callbacks
):
    post(client, event, django_capture_on_commit_callbacks, email="de@example.org")
    post(client, english(event), django_capture_on_commit_callbacks, email="en@example.org")
    post(client, english(event), django_capture_on_commit_callbacks, email="late@example.org")
    assert list(Registration.objects.values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waiting",
    ]
    assert {r.event_key for r in Registration.objects.all()} == {event.translation_key}


def test_a_translation_cannot_change_places_or_dates(
    client, event, django_capture_on_commit_callbacks
):
    translated = english(event)
    translated.registration = on_site(capacity=500, waiting_list=False)
    translated.save_revision().publish()
    for number in range(3):
        post(client, translated, django_capture_on_commit_callbacks, email=f"x{number}@example.org")
    # The German source's two places and waiting list still apply.
    assert Registration.objects.filter(status="confirmed").count() == 2
    assert Registration.objects.filter(status="waiting").count() == 1


def test_cancel_link_asks_first_then_frees_the_place_for_the_oldest_waiting(
    client, event, django_capture_on_commit_callbacks
):
    post(client, event, django_capture_on_commit_callbacks, email="a@example.org")
    post(client, event, django_capture_on_commit_callbacks, email="b@example.org")
    post(client, english(event), django_capture_on_commit_callbacks, email="c@example.org")
    post(client, event, django_capture_on_commit_callbacks, email="d@example.org")
    cancel_url = re.search(r"http://\S+/cancel/\S+/", mail.outbox[0].body).group(0)
    path = cancel_url.split("testserver", 1)[-1]

    confirm_page = client.get(path)
    assert confirm_page.status_code == 200
    assert Registration.objects.get(email="a@example.org").status == "confirmed"  # GET: no change

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert "Ihre Anmeldung wurde storniert." in done.text
    assert Registration.objects.get(email="a@example.org").status == "cancelled"
    # c registered on the English page before d: c is offered the place, in English, and
    # takes it with the button behind the emailed link.
    assert Registration.objects.get(email="c@example.org").status == "offered"
    assert Registration.objects.get(email="d@example.org").status == "waiting"
    offers = [m for m in mail.outbox if m.to == ["c@example.org"]]
    assert len(offers) == 1 and offers[0].subject.startswith("A place is free for you")
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(answer_link(offers[0], "offer"), {"answer": "accept"}, follow=True)
    assert "Your place is confirmed." in accepted.text
    assert Registration.objects.get(email="c@example.org").status == "confirmed"
    assert Registration.objects.get(email="d@example.org").status == "waiting"


def test_tampered_links_are_rejected(client, event, django_capture_on_commit_callbacks):
    post(client, event, django_capture_on_commit_callbacks)
    cancel_url = re.search(r"http://\S+/cancel/(\S+)/", mail.outbox[0].body)
    token = cancel_url.group(1)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"{event.url}cancel/{forged}/")
    assert response.status_code == 404
    assert "Dieser Link funktioniert nicht" in response.text
    # Not an address for search engines: neither its own (a token) nor the event page's.
    head = head_for_search_engines(response, status=404)
    assert head == {"robots": "noindex", "canonical": None, "og_url": None, "alternates": {}}
    # A status link is not a cancellation link, even for the same registration.
    status_token = mail.outbox[0].body.split("/registration/")[1].split("/")[0]
    assert client.post(f"{event.url}cancel/{status_token}/").status_code == 404
    assert Registration.objects.get().status == "confirmed"


@pytest.mark.parametrize(
    "token",
    [
        "9" * 5000 + "-" + "a" * 40,  # beyond Python's limit for reading a number
        "9" * 30 + "-" + "a" * 40,  # beyond what the database stores
        "²-" + "a" * 40,  # a digit to Unicode, not to int()
        "-",
        "12-",
    ],
    ids=["huge-id", "overflowing-id", "superscript-id", "hyphen-only", "no-signature"],
)
def test_malformed_links_say_invalid_link_never_an_error(client, event, token):
    for path in (f"{event.url}registration/{token}/", f"{event.url}cancel/{token}/"):
        response = client.get(path)
        assert response.status_code == 404, path[:80]
        assert "Dieser Link funktioniert nicht" in response.text
    assert client.post(f"{event.url}cancel/{token}/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ana Souza\nPlease confirm your account: http://phish.example/login"),
        ("name", "Ana\r\nBcc: victim@example.org"),
        ("name", "Ana\u2028Souza"),
        ("name", "Ana\x1b[31mSouza"),
        ("organisation", "Conselho\nhttp://phish.example"),
    ],
    ids=["newline-link", "crlf-header", "line-separator", "escape", "organisation"],
)
def test_names_with_line_breaks_or_control_characters_are_refused_and_nothing_is_sent(
    client, event, django_capture_on_commit_callbacks, field, value
):
    response = post(client, event, django_capture_on_commit_callbacks, **{field: value})
    assert response.status_code == 200
    error = soup(response).find(id=f"id_{field}-error")
    assert error is not None
    assert "eine Zeile ohne Zeilenumbrüche oder Steuerzeichen" in error.get_text()
    assert Registration.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "value",
    [
        "Ana https://phish.example/login",
        "Bitte bestätigen: www.phish.example",
        "support@phish.example",
        "Konto prüfen unter phish.example/login",
    ],
    ids=["url", "www", "email", "domain-with-path"],
)
def test_a_name_that_is_a_link_or_address_is_refused_and_nothing_is_sent(
    client, event, django_capture_on_commit_callbacks, value
):
    # The name opens every email we send ("Hallo …"): no link from a stranger goes above the
    # site's own words, to whatever address was typed.
    response = post(client, event, django_capture_on_commit_callbacks, name=value)
    assert response.status_code == 200
    error = soup(response).find(id="id_name-error")
    assert error is not None
    assert "keine Web- oder E-Mail-Adresse" in error.get_text()
    assert Registration.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("value", ["Dr. J. Müller-Lüdenscheidt", "Anne-Sophie d'Arc", "O. Ngozi"])
def test_names_with_dots_and_apostrophes_still_register(
    client, event, django_capture_on_commit_callbacks, value
):
    post(client, event, django_capture_on_commit_callbacks, name=value)
    assert Registration.objects.get().name == value


def test_the_line_break_message_is_in_the_visitors_language(client, event):
    response = client.post(english(event).url, form_data(name="Ana\nhttp://phish.example"))
    error = soup(response).find(id="id_name-error").get_text()
    assert "one line, without line breaks or control characters" in error
    assert Registration.objects.count() == 0


def test_an_ordinary_name_still_registers_and_is_greeted_in_one_line(
    client, event, django_capture_on_commit_callbacks
):
    response = post(
        client,
        event,
        django_capture_on_commit_callbacks,
        name="  Zoë O'Brien-Müller  ",
        organisation="Café & Co. (Köln)",
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == "Zoë O'Brien-Müller"
    assert registration.organisation == "Café & Co. (Köln)"
    assert mail.outbox[0].body.startswith("Guten Tag Zoë O'Brien-Müller,\n")


@override_settings(REGISTRATION_RATE_LIMIT=(3, 600))
def test_too_many_attempts_get_a_clear_429_page(client, event):
    for _attempt in range(3):
        assert client.post(event.url, form_data(email="bad")).status_code == 200
    response = client.post(event.url, form_data(email="fine@example.org"))
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.text
    assert Registration.objects.count() == 0


def test_honeypot_stores_nothing(client, event, django_capture_on_commit_callbacks):
    response = post(client, event, django_capture_on_commit_callbacks, website="http://spam")
    assert response.status_code == 302  # the answer people get
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_a_broken_mail_server_never_loses_a_registration(
    client, event, django_capture_on_commit_callbacks
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.open",
        side_effect=ConnectionRefusedError("smtp down"),
    ):
        response = post(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    message = registration.messages.get()
    assert message.status == "failed"
    assert "smtp down" in message.last_error
    assert mail.outbox == []
    # Later, the retry command's work: the email goes out.
    assert retry_unsent() == (1, 0)
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2
    assert mail.outbox[0].to == ["ana@example.org"]


def test_a_real_smtp_server_that_is_down_delays_emails_and_loses_nothing(
    client, event, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    smtp_down = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port,
        EMAIL_TIMEOUT=5,
    )
    with smtp_down:
        first = post(client, event, django_capture_on_commit_callbacks)
        post(client, event, django_capture_on_commit_callbacks, email="ben@example.org")
        post(client, event, django_capture_on_commit_callbacks, email="cleo@example.org")
        # The visitor sees the confirmation page as usual.
        assert first.status_code == 302
        assert client.get(first["Location"]).status_code == 200
        call_command("send_registration_emails", stdout=io.StringIO())  # still down
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ana@example.org": "confirmed",
        "ben@example.org": "confirmed",
        "cleo@example.org": "waiting",
    }
    for message in RegistrationMessage.objects.all():
        assert message.status == "failed" and message.attempts == 2
        assert "Connection refused" in message.last_error or "ConnectionRefused" in (
            message.last_error
        )
    assert mail.outbox == []
    # The mail server is back: the periodic command sends what waited, once.
    call_command("send_registration_emails", stdout=io.StringIO())
    call_command("send_registration_emails", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
        "cleo@example.org",
    ]
    assert set(RegistrationMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_service_rejects_registration_on_an_event_without_registration():
    from events.registration.services import RegistrationError

    plain = make_event("Ohne Anmeldung")
    with pytest.raises(RegistrationError) as error:
        register_for_event(
            plain,
            language="de",
            name="X",
            email="x@example.org",
        )
    assert error.value.code == "no_registration"


def test_question_labels_are_translated_but_keep_one_key(client):
    # The demo's online dialogue asks a question, translated through wagtail-localize.
    german = soup(client.get("/de/veranstaltungen/online-dialog-partnerschaften/"))
    english = soup(client.get("/en/events/online-dialogue-partnerships/"))
    french = soup(client.get("/fr/evenements/dialogue-en-ligne-partenariats/"))
    legends = [
        # The event's own question follows the standard fields (access needs among them).
        page.find("form", class_="registration-form")
        .find_all("legend")[-1]
        .get_text(" ", strip=True)
        for page in (german, english, french)
    ]
    assert legends[0].startswith("In welcher Sprache tauschen Sie sich am liebsten aus?")
    assert legends[1].startswith("Which language do you prefer for the discussion?")
    assert legends[2].startswith("Dans quelle langue préférez-vous échanger")
    radios = [
        sorted(i["name"] for i in page.select("form.registration-form input[type=radio]"))
        for page in (german, english, french)
    ]
    assert radios[0] == radios[1] == radios[2] and radios[0]


def test_a_changed_question_shows_at_once_although_empty_forms_are_kept(client, settings, event):
    settings.PAGE_CACHE_SECONDS = 0  # only the kept form fields are left to go stale
    assert "Bevorzugte Sprache" in client.get(event.url).content.decode()
    question = language_question()
    question["value"]["label"] = "Sprache der Unterlagen"
    event.registration = on_site(questions=[question])
    event.save_revision().publish()
    page = soup(client.get(event.url))
    legends = [legend.get_text() for legend in page.find_all("legend")]
    assert any("Sprache der Unterlagen" in legend for legend in legends)
    assert not any("Bevorzugte Sprache" in legend for legend in legends)
    # The country list is in the page's language.
    english_page = soup(client.get(english(event).url))
    assert english_page.find("option", attrs={"value": "DE"}).get_text() == "Germany"
    assert page.find("option", attrs={"value": "DE"}).get_text() == "Deutschland"


def test_emails_never_link_to_a_language_version_that_is_no_longer_published(
    client, event, django_capture_on_commit_callbacks
):
    from events.registration.emails import compose
    from events.registration.models import RegistrationMessage

    post(client, english(event), django_capture_on_commit_callbacks)
    english(event).unpublish()
    # A later email (a resend, a cancellation) in English points to the version still online.
    message = RegistrationMessage.objects.get()
    body = compose(message).body
    assert english(event).get_full_url() not in body
    assert event.get_full_url() in body


@pytest.mark.parametrize(
    ("purpose", "heading", "person"),
    [
        ("view", "Your registration", "ana@example.org"),
        ("cancel", "Cancel registration", "Ana Souza"),
    ],
    ids=["status", "cancel"],
)
def test_a_personal_page_stays_out_of_search_engines_and_switches_language_in_place(
    client, event, django_capture_on_commit_callbacks, purpose, heading, person
):
    post(client, event, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    token = make_token(registration, purpose)
    german_path = personal_path(event, registration, purpose)
    page = client.get(german_path)
    english_path = personal_path(english(event), registration, purpose)
    assert_a_personal_page(page, token=token, languages={"de": german_path, "en": english_path})

    in_english = client.get(english_path)
    assert in_english.status_code == 200
    assert soup(in_english).html["lang"] == "en"
    assert soup(in_english).h1.get_text() == heading
    assert person in text(in_english)
    assert head_for_search_engines(in_english)["robots"] == "noindex"
    assert Registration.objects.get().status == "confirmed"  # switching language changes nothing
