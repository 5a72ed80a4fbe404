"""Registration emails people read: every kind in plain text and in HTML that is valid,
in the registrant's language, styled inline with the site's colours, dark-mode aware and
without images; calendar parts that name their method; List-Unsubscribe where the email
is not the answer to something the person just did."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from events.registration.composing import CALENDAR_METHOD
from events.registration.notices import compose_event_full_notice
from tests.support.emails import (
    Kind,
    every_kind,
    html_of,
    html_problems,
    organiser_message,
    parts,
    register_directly,
    text_of,
)
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

# Link texts that say nothing once read out of their sentence (screen reader link lists).
VAGUE_LINK_TEXTS = {"here", "hier", "ici", "click here", "link", "more", "mehr", "plus"}


@pytest.fixture
def event():
    return make_event(
        "Werkstatt Partnerschaften",
        timezone.now() + datetime.timedelta(days=12),
        format="hybrid",
        venue_name="Rathaus",
        venue_city="Bonn",
        online_url="https://meet.example.org/werkstatt",
        registration=on_site(capacity=5),
    )


@pytest.fixture
def french_emails(event):
    registration = register_directly(event, "fr", "Élodie Martin", "elodie@example.org")
    message = organiser_message(
        event, {"fr": {"subject": "Programme", "body": "Le programme est en ligne."}}
    )
    return registration, every_kind(registration, organiser=message)


def check_html(html, language):
    """The HTML a mail program gets: valid, in `language`, styled inline, dark-mode aware,
    without images, one heading at the top and links that say where they lead."""
    assert html_problems(html) == []
    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == language
    assert page.find("meta", attrs={"name": "color-scheme"})["content"] == "light dark"
    style = page.head.style.string
    assert re.search(r"@media \(prefers-color-scheme: ?dark\)", style)
    # Mail programs that drop the style sheet still get the site's look from the elements.
    for element in page.select("h1, p, a, td.content"):
        assert element.get("style"), element
    assert "#00558c" in page.a["style"]  # the site's primary colour (site.css)
    assert len(page.find_all("h1")) == 1
    assert page.find_all("img") == [] and "url(" not in html
    assert page.find(attrs={"role": "article"})["lang"] == language
    for table in page.find_all("table"):
        assert table["role"] == "presentation"  # layout, not data, for screen readers
    for link in page.find_all("a"):
        words = link.get_text(" ", strip=True).lower()
        assert words and words not in VAGUE_LINK_TEXTS, link
    return page


def test_every_email_has_a_text_and_a_valid_html_part_in_the_persons_language(french_emails):
    registration, emails = french_emails
    assert set(emails) == set(Kind.values)
    for kind, email in emails.items():
        assert text_of(email).strip(), kind
        page = check_html(html_of(email), "fr")
        assert page.h1.get_text() == "Werkstatt Partnerschaften"
        assert page.title.get_text() == email.subject
    # The same facts in both parts: what the HTML says, the text says too.
    confirmation = emails[Kind.CONFIRMATION]
    assert "https://meet.example.org/werkstatt" in text_of(confirmation)
    link = BeautifulSoup(html_of(confirmation), "html.parser").find(
        "a", href="https://meet.example.org/werkstatt"
    )
    assert link is not None


def test_a_german_registrant_gets_german_html(event):
    registration = register_directly(event, "de", "Jonas Weber", "jonas@example.org")
    [email] = every_kind(registration, organiser=None, kinds=[Kind.CONFIRMATION]).values()
    page = check_html(html_of(email), "de")
    assert "Ihre Anmeldung ansehen" in page.get_text()


def test_calendar_parts_say_how_calendars_apply_them(french_emails):
    _registration, emails = french_emails
    for kind, email in emails.items():
        calendars = parts(email, "text/calendar")
        if kind not in CALENDAR_METHOD:
            assert calendars == [], kind
            continue
        [calendar] = calendars
        method = calendar.get_param("method")
        body = calendar.get_payload(decode=True).decode()
        assert f"METHOD:{method}" in body.splitlines(), kind
        assert method == ("CANCEL" if kind == Kind.EVENT_CANCELLED else "PUBLISH")
        assert calendar.get_filename().endswith(".ics")


def test_list_unsubscribe_leads_to_the_page_that_asks_before_cancelling(client, french_emails):
    registration, emails = french_emails
    unsubscribing = {
        Kind.JOINING_DETAILS,
        Kind.REMINDER,
        Kind.EVENT_CHANGED,
        Kind.ORGANISER_MESSAGE,
    }
    for kind, email in emails.items():
        header = email.message()["List-Unsubscribe"]
        if kind not in unsubscribing:
            # Answers to the person's own action (and the end of a registration) have none.
            assert header is None, kind
            continue
        assert re.fullmatch(r"<https?://[^>]+>", header), header
        # No one-click unsubscribing: it would cancel the place without asking.
        assert email.message()["List-Unsubscribe-Post"] is None
    url = emails[Kind.REMINDER].message()["List-Unsubscribe"].strip("<>")
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("form", method="post") is not None  # it asks first
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_fully_booked_notice_is_html_in_the_same_frame(event):
    notice = compose_event_full_notice(event, "late@example.org", "en")
    assert "Werkstatt Partnerschaften" in text_of(notice)
    page = check_html(html_of(notice), "en")
    assert page.find("a", href=event.get_full_url()) is not None
    assert page.title.get_text() == notice.subject
