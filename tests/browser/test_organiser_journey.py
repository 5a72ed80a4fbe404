"""An event organiser, with the admin in German, runs an event's registration at its desk:
from the dashboard to the desk by clicking, counts, the "has needs" filter, CSV and XLSX
exports, moving someone up over capacity (asked first) and cancelling a registration. Every
admin link the dashboard and the desk show opens for the organiser (no "no access")."""

import csv
import datetime
import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from django.utils import timezone

from events.models import Registration
from events.registration.services import register_for_event
from home.admin.roles import ORGANISERS
from tests.support.factories import make_event
from tests.support.registration import (
    QUESTION_ID,
    language_question,
    on_site,
    without_double_opt_in,
)

from .support import LIVE_DEMO_SITE, every_admin_link_opens, log_in_as, make_staff, screenshot

pytestmark = LIVE_DEMO_SITE

TITLE = "Fachgespräch: Partnerschaften vor Ort"
EXPECTED_HEADER = ["Name", "E-Mail", "Organisation"]


def registrations_in_three_languages():
    """Two places: Anna (de) and Ben (en) confirmed, Chloé (fr, needs interpretation) and
    Dora (de) on the waiting list."""
    event = make_event(
        TITLE,
        timezone.now() + datetime.timedelta(days=12),
        registration=on_site(capacity=2, questions=[language_question()]),
    )
    without_double_opt_in(event)  # the desk is the subject here, not confirming addresses
    people = [
        ("Anna Adler", "de", "civil-society", "Gebärdensprache (DGS)", 0),
        ("Ben Brown", "en", "academia", "", 1),
        ("Chloé Caron", "fr", "civil-society", "Interprétation vers le français", 0),
        ("Dora Dietz", "de", "government", "", 1),
    ]
    for name, language, group, needs, answer in people:
        register_for_event(
            event,
            language=language,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            stakeholder_group=group,
            accessibility_needs=needs,
            answers={QUESTION_ID: answer},
        )
    return event


def download(page, locator):
    with page.expect_download() as info:
        locator.click()
    return Path(info.value.path()).read_bytes()


def test_a_german_organiser_runs_registration_at_the_event_desk(new_page):
    event = registrations_in_three_languages()
    organiser = make_staff("veranstaltung", [ORGANISERS], language="de")
    # Tall enough for the screenshots to show counts, filters and the list at once.
    page = log_in_as(new_page, organiser, viewport={"width": 1400, "height": 1700})

    # The dashboard: the event's title leads to its desk.
    panel = page.locator("#upcoming-events-section")
    expect(panel).to_contain_text(TITLE)
    screenshot(page, "organiser-1-dashboard")
    every_admin_link_opens(page, page.locator("body"))  # menu, dashboard panels, account
    panel.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/admin/event-desk/{event.pk}/$"))
    expect(page.get_by_text("Sie haben keine Berechtigung")).to_have_count(0)

    # Counts: confirmed of places, waiting, cancelled; per language.
    totals = page.locator("[data-desk-totals]")
    expect(totals.locator('[data-count="confirmed"] dd')).to_have_text("2 / 2")
    expect(totals.locator('[data-count="waiting"] dd')).to_have_text("2")
    expect(totals.locator('[data-count="cancelled"] dd')).to_have_text("0")
    languages = page.locator('[data-breakdown="language"]')
    expect(languages.get_by_role("row", name="Französisch 0 1 0")).to_be_visible()
    rows = page.locator("#listing-results tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#listing-results thead")).to_contain_text("Bevorzugte Sprache")
    screenshot(page, "organiser-2-desk")
    every_admin_link_opens(page, page.locator("body"))

    # Filter: only people with accessibility or interpretation needs.
    page.get_by_role("button", name="Filter anzeigen").click()
    page.get_by_role("button", name="Mit Bedarf an Barrierefreiheit oder Dolmetschen").click()
    page.get_by_role("radio", name="Ja").check()
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Anna Adler")
    expect(rows.nth(1)).to_contain_text("Chloé Caron")
    expect(page).to_have_url(re.compile(r"has_needs=true"))
    page.keyboard.press("Escape")
    screenshot(page, "organiser-3-filtered")

    # Exports of the filtered list: CSV and XLSX with headers and the two rows.
    text = download(page, page.locator('[data-export-filtered="csv"]')).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))  # as German Excel reads it
    assert table[0][:3] == EXPECTED_HEADER
    assert "Bevorzugte Sprache" in table[0]
    assert [row[0] for row in table[1:]] == ["Anna Adler", "Chloé Caron"]
    workbook = load_workbook(
        io.BytesIO(download(page, page.locator('[data-export-filtered="xlsx"]')))
    )
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert list(sheet[0][:3]) == EXPECTED_HEADER
    assert [row[0] for row in sheet[1:]] == ["Anna Adler", "Chloé Caron"]
    everyone = download(page, page.get_by_role("link", name="XLSX").first)
    assert len(list(load_workbook(io.BytesIO(everyone)).active.iter_rows())) == 1 + 4

    # Moving Chloé up over capacity asks first: nothing changes until confirmed.
    page.get_by_role("button", name="Chloé Caron von der Warteliste nachrücken lassen").click()
    warning = page.locator("[data-over-capacity]")
    expect(warning).to_contain_text("überbucht: 3 von 2 Plätzen")
    screenshot(page, "organiser-4-over-capacity")
    assert Registration.objects.get(name="Chloé Caron").status == "waiting"
    page.get_by_role("button", name="Trotzdem bestätigen (3 von 2)").click()
    expect(page).to_have_url(re.compile(rf"/admin/event-desk/{event.pk}/\?has_needs=true$"))
    expect(page.get_by_text("Die Anmeldung ist jetzt bestätigt.")).to_be_visible()
    expect(totals.locator('[data-count="confirmed"] dd')).to_have_text("3 / 2")
    assert Registration.objects.get(name="Chloé Caron").status == "confirmed"

    # Cancelling Anna: back at the filtered desk, with a message.
    page.get_by_role("button", name="Anmeldung von Anna Adler stornieren").click()
    expect(page.locator("[data-confirm-cancellation]")).to_contain_text(
        "Die Anmeldung von Anna Adler"
    )
    screenshot(page, "organiser-5-cancel-asked")
    assert Registration.objects.get(name="Anna Adler").status == "confirmed"
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    expect(page.get_by_text("Die Anmeldung wurde storniert.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"has_needs=true"))
    expect(totals.locator('[data-count="cancelled"] dd')).to_have_text("1")
    # Anna's place was one too many: nobody moves up, the event is back at 2 of 2.
    expect(totals.locator('[data-count="confirmed"] dd')).to_have_text("2 / 2")
    expect(totals.locator('[data-count="waiting"] dd')).to_have_text("1")
    assert Registration.objects.get(name="Anna Adler").status == "cancelled"
    assert Registration.objects.get(name="Dora Dietz").status == "waiting"
    screenshot(page, "organiser-6-cancelled")

    # The menu's "Anmeldeschalter" lists every event's desk with its numbers.
    page.get_by_role("navigation", name="Hauptmenü").get_by_role(
        "link", name="Anmeldeschalter"
    ).click()
    expect(page).to_have_url(re.compile(r"/admin/event-desk/$"))
    row = page.locator("tbody tr").filter(has_text=TITLE)
    expect(row).to_contain_text("2 / 2")
    expect(page.get_by_role("navigation", name="Hauptmenü")).not_to_contain_text("Veranstaltungen")
    screenshot(page, "organiser-7-all-desks")
    row.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/admin/event-desk/{event.pk}/$"))
