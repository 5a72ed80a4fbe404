"""Journey: a reader moves between German, English and French on one event page."""

import re

from playwright.sync_api import expect

from .support import LIVE_DEMO_SITE

pytestmark = LIVE_DEMO_SITE

EVENT = {
    "de": (
        "/de/veranstaltungen/online-dialog-partnerschaften/",
        "Online-Dialog: Was Partnerschaften gelingen lässt",
        "Sprache",
    ),
    "en": (
        "/en/events/online-dialogue-partnerships/",
        "Online dialogue: what makes partnerships succeed",
        "Language",
    ),
    "fr": (
        "/fr/evenements/dialogue-en-ligne-partenariats/",
        "Dialogue en ligne : ce qui fait réussir les partenariats",
        "Langue",
    ),
}


def test_language_switcher_keeps_the_reader_on_the_same_event(new_page):
    page = new_page()
    page.goto(EVENT["de"][0])
    current = "de"
    for code, name in (("en", "English"), ("fr", "Français"), ("de", "Deutsch")):
        switcher = page.get_by_role("navigation", name=EVENT[current][2])
        switcher.get_by_role("link", name=name).click()
        path, title, _label = EVENT[code]
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        switcher = page.get_by_role("navigation", name=EVENT[code][2])
        expect(switcher.locator("[aria-current]")).to_have_text(name)
        current = code
