"""A visitor in another time zone sees an event's time in their own zone as well, and an
all-day event as the day it is (no "local time" of its midnight)."""

import datetime

from playwright.sync_api import expect

from django.utils import timezone

from tests.support.factories import make_event

from .support import LIVE_DEMO_SITE

pytestmark = LIVE_DEMO_SITE


def test_local_time_hints_for_instants_only(browser, site):
    start = (timezone.now() + datetime.timedelta(days=14)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    timed = make_event("Abendgespräch", start, time_zone="America/New_York", language="en")
    all_day = make_event("Day of action", start, time_zone="America/New_York", language="en")
    all_day.start_time = None
    all_day.save_revision().publish()

    context = browser.new_context(base_url=site, locale="en-GB", timezone_id="Asia/Tokyo")
    try:
        page = context.new_page()
        page.goto(timed.url)
        when = page.locator(".event-facts__item", has_text="When")
        expect(when.locator(".local-time-hint")).to_have_count(1)
        expect(when.locator(".local-time-hint")).to_contain_text("your local time")
        # The registration-free event has no other instant on the page.
        expect(page.locator(".local-time-hint")).to_have_count(1)

        page.goto(all_day.url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Day of action")
        expect(page.locator(".local-time-hint")).to_have_count(0)
        expect(page.locator("time").first).to_have_attribute("datetime", str(all_day.start_date))
    finally:
        context.close()
