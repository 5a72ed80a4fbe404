"""An event organiser, with the admin in German, writes to the confirmed participants of an
event who registered in German, English and French: a text per language, the French email
previewed as its reader will see it, sent, and listed at the desk with its recipients."""

import datetime
import re

from playwright.sync_api import expect

from django.utils import timezone

from events.models import OrganiserMessage
from events.registration.services import register_for_event
from home.admin.roles import ORGANISERS
from tests.support.factories import make_event
from tests.support.registration import on_site, without_double_opt_in

from .support import LIVE_DEMO_SITE, log_in_as, make_staff, screenshot

pytestmark = LIVE_DEMO_SITE

TITLE = "Fachgespräch: Partnerschaften im Netz"
TEXTS = {
    "Deutsch": ("Neuer Raum", "Liebe Teilnehmende,\n\nwir treffen uns in Raum 4."),
    "Englisch": ("New room", "Dear participants,\n\nwe meet in room 4."),
    "Französisch": ("Nouvelle salle", "Chers participants,\n\nnous nous retrouvons en salle 4."),
}


def registrations_in_three_languages():
    """Three places: Anna (de), Ben (en), Chloé (fr) confirmed; Dora (de) waiting."""
    event = make_event(
        TITLE, timezone.now() + datetime.timedelta(days=12), registration=on_site(capacity=3)
    )
    # Decided at once: this journey is about writing to people, not confirming addresses.
    without_double_opt_in(event)
    for name, language in [
        ("Anna Adler", "de"),
        ("Ben Brown", "en"),
        ("Chloé Caron", "fr"),
        ("Dora Dietz", "de"),
    ]:
        register_for_event(
            event, language=language, name=name, email=f"{name.split()[0].lower()}@example.org"
        )
    return event


def test_a_german_organiser_writes_to_the_confirmed_participants(new_page, mailoutbox):
    event = registrations_in_three_languages()
    mailoutbox.clear()
    organiser = make_staff("veranstalterin", [ORGANISERS], language="de")
    page = log_in_as(new_page, organiser, viewport={"width": 1400, "height": 1200})

    page.goto(f"/admin/event-desk/{event.pk}/")
    expect(page.get_by_text("Noch keine Nachrichten gesendet.")).to_be_visible()
    page.get_by_role("link", name="An Angemeldete schreiben").click()
    expect(page).to_have_url(re.compile(rf"/admin/event-desk/{event.pk}/message/$"))
    expect(page.get_by_text("Sie haben keine Berechtigung")).to_have_count(0)

    # Confirmed participants are chosen; each language says how many read it.
    expect(page.get_by_role("radio", name="Bestätigte Teilnehmende")).to_be_checked()
    expect(page.get_by_text("Die gewählte Gruppe umfasst 3 Personen.")).to_be_visible()
    # The numbers follow the group as it is chosen: nobody French is waiting.
    page.get_by_role("radio", name="Personen auf der Warteliste").check()
    expect(page.get_by_text("Die gewählte Gruppe umfasst 1 Person.")).to_be_visible()
    expect(page.get_by_role("group", name="Französisch – 0 Empfänger")).to_be_visible()
    page.get_by_role("radio", name="Bestätigte Teilnehmende").check()
    for language, (subject, body) in TEXTS.items():
        group = page.get_by_role("group", name=f"{language} – 1 Empfänger")
        group.get_by_label("Betreff").fill(subject)
        group.get_by_label("Text", exact=True).fill(body)
    screenshot(page, "organiser-message-1-written")

    # The preview: the French email as Chloé will read it, every word in French.
    page.get_by_role("button", name="Vorschau").click()
    french = page.locator('[data-message-preview="fr"]')
    expect(french.get_by_role("heading")).to_have_text("Französisch – 1 Empfänger")
    expect(french.locator("[data-preview-subject]")).to_have_text("Nouvelle salle")
    email = french.frame_locator("iframe")
    expect(email.locator("html")).to_have_attribute("lang", "fr")
    expect(email.get_by_text("nous nous retrouvons en salle 4.")).to_be_visible()
    expect(email.get_by_text("Annuler votre inscription")).to_be_visible()
    french.scroll_into_view_if_needed()
    screenshot(page, "organiser-message-2-french-preview")
    assert not OrganiserMessage.objects.exists()
    assert not mailoutbox

    # Sent: the message's page lists its three recipients, each email sent.
    page.get_by_role("button", name="An 3 Personen senden").click()
    expect(page.get_by_text("Ihre Nachricht wird an 3 Personen gesendet.")).to_be_visible()
    deliveries = page.locator("[data-message-deliveries] tbody tr")
    expect(deliveries).to_have_count(3)
    for name in ("Anna Adler", "Ben Brown", "Chloé Caron"):
        expect(deliveries.filter(has_text=name)).to_contain_text("Gesendet")
    screenshot(page, "organiser-message-3-sent")

    # Back at the desk: the message with its numbers of recipients and deliveries.
    page.get_by_role("link", name="Zurück zum Anmeldeschalter").click()
    row = page.locator("[data-desk-messages] tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        ["Neuer Raum", re.compile(r"\S"), "veranstalterin", "3", "3", "0"]
    )
    expect(page.get_by_text("Sie haben keine Berechtigung")).to_have_count(0)
    screenshot(page, "organiser-message-4-desk")

    # Each participant got it in their language; Dora, waiting, got nothing.
    subjects = {email.to[0]: email.subject for email in mailoutbox}
    assert subjects == {
        "anna@example.org": "Neuer Raum",
        "ben@example.org": "New room",
        "chloé@example.org": "Nouvelle salle",
    }
