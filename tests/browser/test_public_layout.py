"""The public pages as visitors see them on a 375 px phone and on a desktop: nothing wider
than the screen, filters behind one button on phones, choices large enough to tap, the
registration form after what the event is about, event cards with city and image, hero
images in line with the text. Screenshots for people to look at."""

import pytest

from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from insights.models import InsightIndexPage, InsightPage

from .support import DESKTOP, LIVE_DEMO_SITE, screenshot

pytestmark = LIVE_DEMO_SITE

# The narrowest phone in common use (the issue was reported there).
SMALL_PHONE = {"width": 375, "height": 812}
VIEWPORTS = {"phone": SMALL_PHONE, "desktop": DESKTOP}
# WCAG 2.5.8 Target Size (Minimum).
MIN_TARGET = 24


def in_language(model, language, **lookup):
    source = model.objects.get(locale__language_code="de", **lookup)
    return source.get_translation(Locale.objects.get(language_code=language))


def dialogue(language):
    """The demo's online dialogue: registration form with a choice, agenda, long contact email."""
    return in_language(EventPage, language, slug="online-dialog-partnerschaften")


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_event_page_is_no_wider_than_a_phone(new_page, language):
    event = dialogue(language)
    page = new_page(viewport=SMALL_PHONE)
    page.goto(event.url)
    email = page.locator('.event__contact a[href^="mailto:"]')
    assert email.inner_text() == "kampagnenbuero.partnerschaften2030@example.org"
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    email_box = email.bounding_box()
    assert email_box["x"] + email_box["width"] <= SMALL_PHONE["width"]
    screenshot(page, f"public-layout-event-page-phone-{language}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_registration_form_follows_description_and_programme(new_page, viewport):
    page = new_page(language="en-GB", viewport=VIEWPORTS[viewport])
    page.goto(dialogue("en").url)
    description = box(page, ".event .prose")
    agenda = box(page, "#agenda-heading")
    registration = box(page, "#registration")
    assert description["y"] < agenda["y"] < registration["y"]
    # The way to the form stays at the top: a "Register" button in the first screen.
    register = page.locator(".event__header").get_by_role("link", name="Register")
    assert register.get_attribute("href") == "#registration"
    register_box = register.bounding_box()
    assert register_box["y"] + register_box["height"] <= VIEWPORTS[viewport]["height"]
    register.click()
    page.wait_for_function("location.hash === '#registration'")
    assert page.locator("#registration-heading").is_visible()
    screenshot(page, f"public-layout-registration-after-programme-{viewport}")


def test_radio_buttons_are_large_enough_to_tap(new_page):
    page = new_page(viewport=SMALL_PHONE)
    page.goto(dialogue("de").url)
    radios = page.locator('#registration input[type="radio"]')
    assert radios.count() == 3
    for index in range(radios.count()):
        radio = radios.nth(index).bounding_box()
        assert radio["width"] >= MIN_TARGET and radio["height"] >= MIN_TARGET, radio
    # The label is part of the target: tapping the word chooses the option.
    page.locator("#registration label", has_text="English").click()
    assert page.locator('#registration input[type="radio"][value]').nth(1).is_checked()
    page.locator("#registration fieldset").first.scroll_into_view_if_needed()
    screenshot(page, "public-layout-radio-buttons-phone")


def test_insight_filters_fold_behind_one_button_on_phones(new_page):
    url = in_language(InsightIndexPage, "en").url
    page = new_page(language="en-GB", viewport=SMALL_PHONE)
    page.goto(url)
    toggle = page.locator(".filters summary")
    selects = page.locator(".filters select")
    assert selects.count() == 6
    assert toggle.is_visible() and toggle.inner_text().strip() == "Filter"
    assert not any(selects.nth(i).is_visible() for i in range(6))
    # The results come first: the first card is on the first screen.
    card = box(page, ".card-list .card")
    assert card["y"] < SMALL_PHONE["height"]
    screenshot(page, "public-layout-insight-filters-closed-phone")
    toggle.click()
    assert all(selects.nth(i).is_visible() for i in range(6))
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    screenshot(page, "public-layout-insight-filters-open-phone")

    page = new_page(language="en-GB", viewport=DESKTOP)
    page.goto(url)
    assert not page.locator(".filters summary").is_visible()
    assert all(page.locator(".filters select").nth(i).is_visible() for i in range(6))
    screenshot(page, "public-layout-insight-filters-desktop")


def test_filters_work_without_javascript_on_phones(browser, site):
    context = browser.new_context(
        base_url=site, locale="en-GB", viewport=SMALL_PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(in_language(InsightIndexPage, "en").url)
        selects = page.locator(".filters select")
        assert all(selects.nth(i).is_visible() for i in range(6))
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_event_cards_show_city_and_image(new_page, viewport):
    index = in_language(EventIndexPage, "en")
    page = new_page(language="en-GB", viewport=VIEWPORTS[viewport])
    page.goto(index.url)
    workshop = page.locator(".card", has_text="Workshop: multi-stakeholder partnerships")
    assert workshop.locator(".card__place").inner_text() == "Bonn"
    image = workshop.locator(".card__image img")
    assert image.is_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    online = page.locator(".card", has_text="Online dialogue")
    assert online.locator(".card__place").count() == 0
    assert online.locator(".card__image").count() == 0
    screenshot(page, f"public-layout-event-cards-{viewport}")

    page.goto(index.url + "?when=past")
    side_event = page.locator(".card", has_text="Side event at the ECOSOC")
    assert side_event.locator(".card__place").inner_text() == "New York"
    assert side_event.locator(".card__image img").is_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_hero_image_lines_up_with_the_text(new_page, viewport):
    insight = in_language(InsightPage, "en", slug="kampagne-gestartet")
    page = new_page(language="en-GB", viewport=VIEWPORTS[viewport])
    page.goto(insight.url)
    hero = box(page, ".insight-hero img")
    text = box(page, ".insight .prose")
    heading = box(page, "h1")
    assert abs(hero["x"] - text["x"]) < 1 and abs(hero["x"] - heading["x"]) < 1
    assert hero["x"] + hero["width"] <= text["x"] + text["width"] + 1
    screenshot(page, f"public-layout-insight-hero-{viewport}")
