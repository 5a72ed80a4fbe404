"""Staff's own wording of the standard emails: written in German in the admin, with
placeholders, translated like pages; refused when a placeholder is unknown; previewed as
the email a registrant reads; the wording in the code when staff wrote none."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EmailWording
from events.registration.emails import send
from home.admin.roles import EDITORS, ORGANISERS
from home.localization import get_locale
from tests.browser.support import make_staff
from tests.support.emails import Kind, every_kind, html_of, register_directly, text_of
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

ADMIN = "wagtailsnippets_events_emailwording"


@pytest.fixture
def event():
    return make_event(
        "Werkstatt Partnerschaften",
        timezone.now() + datetime.timedelta(days=12),
        registration=on_site(capacity=5),
    )


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("kommunikation", "k@example.org", "pw")
    client.force_login(user)
    return client


def confirmation(registration):
    [email] = every_kind(registration, kinds=[Kind.CONFIRMATION]).values()
    return email


def german_wording():
    return EmailWording.objects.create(
        kind=Kind.CONFIRMATION,
        locale=get_locale("de"),
        subject="Willkommen bei {event}, {name}",
        text="Liebe Grüße, {name}!\n\nWir freuen uns auf Sie bei {event} ({place}).",
    )


def test_without_a_wording_the_emails_say_what_the_code_says(event):
    jonas = register_directly(event, "de", "Jonas Weber", "jonas@example.org")
    email = confirmation(jonas)
    assert email.subject == "Ihre Anmeldung: Werkstatt Partnerschaften"
    assert text_of(email).startswith("Guten Tag Jonas Weber,\n\nvielen Dank für Ihre Anmeldung")


def test_staffs_german_wording_and_its_french_translation_reach_their_registrants(event):
    wording = german_wording()
    jonas = register_directly(event, "de", "Jonas Weber", "jonas@example.org")
    elodie = register_directly(event, "fr", "Élodie Martin", "elodie@example.org")
    emma = register_directly(event, "en", "Emma Brown", "emma@example.org")

    german = confirmation(jonas)
    assert german.subject == "Willkommen bei Werkstatt Partnerschaften, Jonas Weber"
    assert text_of(german).startswith("Liebe Grüße, Jonas Weber!\n\nWir freuen uns auf Sie")
    assert "Liebe Grüße, Jonas Weber!" in html_of(german)
    # Not translated yet: the French registrant keeps the French wording of the code.
    assert confirmation(elodie).subject.startswith("Votre inscription")

    # Translated as pages are (wagtail-localize), then the translator's words.
    TranslationCreator(user=None, target_locales=[get_locale("fr")]).create_translations(wording)
    french = wording.get_translation(get_locale("fr"))
    assert french.kind == Kind.CONFIRMATION
    french.subject = "Bienvenue, {name}"
    french.text = "Bonjour {name}, à bientôt à « {event} »."
    french.full_clean()
    french.save()

    email = confirmation(elodie)
    assert email.subject == "Bienvenue, Élodie Martin"
    assert text_of(email).startswith("Bonjour Élodie Martin, à bientôt à « Werkstatt")
    assert "Bonjour Élodie Martin" in html_of(email)
    # Other emails and other languages keep the code's wording.
    assert confirmation(emma).subject == "Your registration: Werkstatt Partnerschaften"
    [reminder] = every_kind(elodie, kinds=[Kind.REMINDER]).values()
    assert reminder.subject.startswith("Rappel")


def test_staff_reach_the_wording_in_the_admin_menu_and_see_the_placeholders(staff):
    response = staff.get(reverse(f"{ADMIN}:add") + "?locale=de")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    kinds = [option["value"] for option in page.select("select[name=kind] option")]
    assert Kind.CONFIRMATION in kinds and Kind.ORGANISER_MESSAGE not in kinds
    help_text = page.get_text(" ")
    assert "{name} = der Name der angemeldeten Person" in help_text
    assert "{place} = der Veranstaltungsort oder „online“" in help_text
    menu = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wortlaut der E-Mails" in menu


def test_an_unknown_placeholder_is_refused_in_the_staff_members_language(staff):
    response = staff.post(
        reverse(f"{ADMIN}:add") + "?locale=de",
        {"kind": Kind.REMINDER, "subject": "Erinnerung an {veranstaltung}", "text": "Hallo {name}"},
    )
    assert response.status_code == 200
    assert not EmailWording.objects.exists()
    page = BeautifulSoup(response.content, "html.parser")
    assert (
        "Unbekannter Platzhalter: {veranstaltung}. Möglich sind: {name}, {event}, {date}, {place}."
        in page.get_text(" ")
    )


def test_a_second_wording_of_the_same_email_in_one_language_is_refused(staff):
    german_wording()
    response = staff.post(
        reverse(f"{ADMIN}:add") + "?locale=de",
        {"kind": Kind.CONFIRMATION, "subject": "Noch eine", "text": ""},
    )
    assert response.status_code == 200
    assert EmailWording.objects.count() == 1
    assert "gibt es in dieser Sprache schon einen eigenen Wortlaut" in response.content.decode()


def test_the_preview_shows_the_email_with_unsaved_changes_for_a_sample_registrant(staff, event):
    event.online_url = "https://meet.example.org/geheim-4711"
    event.save_revision().publish()
    wording = german_wording()
    url = reverse(f"{ADMIN}:preview_on_edit", args=[wording.pk])
    form = {"kind": Kind.CONFIRMATION, "subject": "Neu", "text": "Guten Tag {name} – {event}"}
    assert staff.post(url, form).json() == {"is_valid": True, "is_available": True}
    response = staff.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "de"
    assert "Guten Tag Alex Beispiel – Werkstatt Partnerschaften" in page.get_text(" ")
    assert page.title.get_text() == "Neu"
    # Translators and editors preview the wording, not the event's real join link.
    assert "geheim-4711" not in response.content.decode()
    assert "https://meet.example.org/…" in page.get_text(" ")
    # Nothing saved, nothing sent.
    wording.refresh_from_db()
    assert wording.subject == "Willkommen bei {event}, {name}"


def test_communications_editors_word_the_emails_and_organisers_do_not(client):
    editor = make_staff("wortlaut-redaktion", [EDITORS], language="de")
    client.force_login(editor)
    assert "Wortlaut der E-Mails" in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.post(
        reverse(f"{ADMIN}:add") + "?locale=de",
        {"kind": Kind.REMINDER, "subject": "Bald geht es los: {event}", "text": ""},
    )
    assert response.status_code == 302
    assert EmailWording.objects.get(kind=Kind.REMINDER).subject == "Bald geht es los: {event}"

    organiser = make_staff("wortlaut-veranstaltung", [ORGANISERS], language="de")
    client.force_login(organiser)
    assert client.get(reverse(f"{ADMIN}:add") + "?locale=de").status_code in (302, 403)


def test_a_subject_of_more_than_one_line_is_refused_and_never_stops_the_emails(staff, event):
    response = staff.post(
        reverse(f"{ADMIN}:add") + "?locale=de",
        {"kind": Kind.REMINDER, "subject": "Erinnerung\nBcc: alle@example.org", "text": ""},
    )
    assert response.status_code == 200
    assert not EmailWording.objects.exists()
    assert "ohne Zeilenumbrüche" in BeautifulSoup(response.content, "html.parser").get_text(" ")

    # Saved some other way, such a subject fails the email ("certainly not sent", retried
    # once corrected), rather than leaving it "possibly sent".
    EmailWording.objects.create(kind=Kind.CONFIRMATION, locale=get_locale("de"), subject="A\nB")
    message = register_directly(event, "de", "Ana Souza", "ana@example.org").messages.create(
        kind=Kind.CONFIRMATION
    )
    assert send(message) is False
    message.refresh_from_db()
    assert message.status == "failed" and "newline" in message.last_error.lower()
