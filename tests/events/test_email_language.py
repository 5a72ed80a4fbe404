"""An English and a French registrant read every registration email in their language:
no German word in the subject, the text, the HTML or the attached calendar, outside names
(people, venue) and addresses."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup, Comment

from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage
from home.localization import get_locale
from tests.support.emails import (
    Kind,
    every_kind,
    html_of,
    organiser_message,
    parts,
    register_directly,
    text_of,
)
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

# Words every German email uses and no English or French one does.
GERMAN = [
    "und", "der", "die", "das", "dem", "den", "des", "ein", "eine", "einen", "ist", "sind",
    "wird", "mit", "für", "auf", "nicht", "Sie", "Ihre", "Ihr", "Ihren", "Ihnen", "wir",
    "uns", "bitte", "Hallo", "Wann", "Wo", "Veranstaltung", "Anmeldung", "Warteliste",
    "Erinnerung", "abgesagt", "geändert", "Kalender", "Teilnahme", "Platz", "Zugang",
    "Zugangsdaten", "Seite", "stornieren", "Nachricht", "Uhr",
]  # fmt: skip
GERMAN_WORD = re.compile(r"(?<![\w-])(" + "|".join(GERMAN) + r")(?![\w-])")
URL = re.compile(r"(?:https?|mailto):\S+")
TITLES = {
    "en": "Partnership workshop",
    "fr": "Atelier partenariats",
}
NAMES = {"en": "Emma Brown", "fr": "Élodie Martin"}
VENUE = "Palais des Nations"


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    source = make_event(
        "Werkstatt Partnerschaften",
        timezone.now() + datetime.timedelta(days=12),
        format="hybrid",
        venue_name=VENUE,
        venue_city="Bonn",
        online_url="https://meet.example.org/werkstatt",
        registration=on_site(capacity=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(
            user=None, target_locales=[get_locale("en"), get_locale("fr")]
        ).create_translations(source)
    for language, title in TITLES.items():
        version = source.get_translation(get_locale(language))
        version.title = title
        version.save_revision().publish()
    return EventPage.objects.get(pk=source.pk)


def german_words(text, names=()):
    """German words in `text`, once addresses and names are left out."""
    text = URL.sub(" ", text)
    for name in names:
        text = text.replace(name, " ")
    return GERMAN_WORD.findall(text)


def readable_html(html):
    """What a reader of the HTML part meets: its text, title and labels for screen readers."""
    page = BeautifulSoup(html, "html.parser")
    for hidden in page.find_all(["style", "script"]):
        hidden.decompose()
    for comment in page.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    labels = [
        value
        for element in page.find_all(True)
        for attribute in ("aria-label", "aria-roledescription", "title", "alt")
        if (value := element.get(attribute))
    ]
    return " ".join([page.get_text(" "), *labels])


def calendar_words(email):
    """The values of the attached calendar (its name, summary, description, place), lines
    unfolded; the property names are the format's, not words."""
    words = []
    for part in parts(email, "text/calendar"):
        body = part.get_payload(decode=True).decode().replace("\r\n ", "")
        for line in body.splitlines():
            name, _separator, value = line.partition(":")
            if name.split(";")[0] in {"NAME", "X-WR-CALNAME", "SUMMARY", "DESCRIPTION", "LOCATION"}:
                words.append(value.replace("\\n", " ").replace("\\,", ","))
    return " ".join(words)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_email_to_an_english_or_french_registrant_is_free_of_german(event, language):
    registration = register_directly(event, language, NAMES[language], f"{language}@example.org")
    message = organiser_message(
        event,
        {
            "de": {"subject": "Programm", "body": "Das Programm ist online. Bitte lesen."},
            "en": {"subject": "Programme", "body": "The programme is online. Please read it."},
            "fr": {"subject": "Programme", "body": "Le programme est en ligne. Lisez-le."},
        },
    )
    emails = every_kind(registration, organiser=message, previous_place="Rathaus Bonn")
    assert set(emails) == set(Kind.values)
    names = [NAMES[language], VENUE, "Rathaus Bonn", "Bonn"]
    for kind, email in emails.items():
        # The event under its title in the registrant's language (organisers write their
        # own subject).
        assert TITLES[language] in (
            email.subject if kind != Kind.ORGANISER_MESSAGE else html_of(email)
        ), kind
        found = {
            "subject": german_words(email.subject, names),
            "text": german_words(text_of(email), names),
            "html": german_words(readable_html(html_of(email)), names),
            "calendar": german_words(calendar_words(email), names),
        }
        assert found == {"subject": [], "text": [], "html": [], "calendar": []}, kind
    # The calendar programs show the event under its title in the registrant's language.
    assert TITLES[language] in calendar_words(emails[Kind.CONFIRMATION])


def test_the_check_finds_german_in_a_german_registrants_emails(event):
    """The word list catches German where it is (the test above would not pass vacuously)."""
    registration = register_directly(event, "de", "Jonas Weber", "jonas@example.org")
    emails = every_kind(registration, kinds=[Kind.CONFIRMATION, Kind.REMINDER])
    for email in emails.values():
        assert german_words(text_of(email), ["Jonas Weber"])
        assert german_words(readable_html(html_of(email)), ["Jonas Weber"])
        assert german_words(calendar_words(email))
