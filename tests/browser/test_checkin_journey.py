"""An event organiser, with the admin in German, checks people in at the door on a phone:
from the event's desk to its check-in page, a search by name, one tap to check in, the
count going up, and a second check-in (from a second phone) reported as already done."""

import datetime
import re

from playwright.sync_api import expect

from django.utils import timezone

from events.models import Registration
from home.admin.roles import ORGANISERS
from tests.support.emails import register_directly
from tests.support.factories import make_event
from tests.support.registration import on_site

from .support import LIVE_DEMO_SITE, PHONE, log_in_as, make_staff, screenshot

pytestmark = LIVE_DEMO_SITE

TITLE = "Werkstatt: Partnerschaften an der Tür"


def event_starting_now():
    event = make_event(
        TITLE,
        timezone.now() - datetime.timedelta(minutes=10),
        end=timezone.now() + datetime.timedelta(hours=3),
        format="hybrid",
        venue_name="Rathaus",
        venue_city="Bonn",
        registration=on_site(capacity=3),
    )
    for name in ("Anna Adler", "Ben Brown"):
        registration = register_directly(
            event, "de", name, f"{name.split()[0].lower()}@example.org"
        )
        registration.organisation = "Stadtwerke Bonn" if name == "Anna Adler" else ""
        registration.save()
    register_directly(event, "de", "Clara Weiss", "clara@example.org", status="waiting")
    return event


def test_an_organiser_checks_a_registrant_in_from_a_phone(new_page):
    event = event_starting_now()
    organiser = make_staff("einlass", [ORGANISERS], language="de")
    page = log_in_as(new_page, organiser, viewport=PHONE)

    page.goto(f"/admin/event-desk/{event.pk}/")
    page.locator("[data-checkin-link]").click()
    expect(page).to_have_url(re.compile(rf"/admin/event-desk/{event.pk}/check-in/$"))
    count = page.locator("[data-checkin-count]")
    expect(count).to_contain_text(re.compile(r"^0\D+2\b"))
    screenshot(page, "checkin-1-start-phone")

    # Search by name (the server searches: no script needed).
    page.locator("input[name=q]").fill("adler")
    page.locator("input[name=q]").press("Enter")
    results = page.locator("[data-checkin-results] li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Anna Adler")
    expect(results.first).to_contain_text("Stadtwerke Bonn")
    screenshot(page, "checkin-2-found-phone")

    # A second phone at the other door has Anna's page open meanwhile.
    other_door = page.context.new_page()
    other_door.goto(f"/admin/event-desk/{event.pk}/check-in/")
    other_door.locator("input[name=q]").fill("Anna")
    other_door.locator("input[name=q]").press("Enter")
    other_door.locator("[data-checkin-results] li a").first.click()
    expect(other_door.locator("[data-checkin-person]")).to_have_text("Anna Adler")

    # One tap checks her in; the count goes up.
    results.first.locator("button").click()
    expect(page).to_have_url(re.compile(rf"/admin/event-desk/{event.pk}/check-in/$"))
    expect(page.locator('[data-message="success"]')).to_contain_text("Anna Adler")
    expect(count).to_contain_text(re.compile(r"^1\D+2\b"))
    anna = Registration.objects.get(name="Anna Adler")
    assert anna.attendance == "attended"
    assert Registration.objects.get(name="Ben Brown").attendance == ""
    screenshot(page, "checkin-3-checked-in-phone")

    # The other phone taps "check in" too: told she was already checked in, and when.
    time = timezone.localtime(anna.checked_in_at, event.timing.zone).strftime("%H:%M")
    other_door.locator("form button").first.click()
    warning = other_door.locator('[data-message="warning"]')
    expect(warning).to_contain_text("Anna Adler")
    expect(warning).to_contain_text(time)
    expect(other_door.locator('[data-attendance="attended"]')).to_contain_text(time)
    screenshot(other_door, "checkin-4-already-checked-in-phone")
    assert Registration.objects.get(name="Anna Adler").checked_in_at == anna.checked_in_at

    # Searching her again shows her as checked in, without a button.
    page.locator("input[name=q]").fill("adler")
    page.locator("input[name=q]").press("Enter")
    expect(results.first.locator("button")).to_have_count(0)
    expect(count).to_contain_text(re.compile(r"^1\D+2\b"))
