"""Every public page type, in every language, on a desktop and a phone: no serious or
critical accessibility violation found by axe-core, and a screenshot for people to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage
from home.models.taxonomies import contrast_ratio
from insights.models import InsightIndexPage, InsightPage

from .support import LIVE_DEMO_SITE, VIEWPORTS, screenshot

pytestmark = LIVE_DEMO_SITE

SEARCH_WORD = {"de": "Partnerschaften", "en": "partnerships", "fr": "partenariats"}
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, skip link).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def in_language(model, language, **lookup):
    """The `language` version of the German demo page of `model` matching `lookup`."""
    source = model.objects.get(locale__language_code="de", **lookup)
    return source.get_translation(Locale.objects.get(language_code=language))


def public_pages(language):
    """(page type, path) for each public page type in `language`."""
    event = in_language(EventPage, language, slug="online-dialog-partnerschaften")
    assert event.specific.registration, "the demo event must have its registration form"
    home = in_language(HomePage, language, depth=2)
    return [
        ("overview", home.url),
        ("event-index", in_language(EventIndexPage, language).url),
        ("event-page", event.url),
        ("insight-index", in_language(InsightIndexPage, language).url),
        ("insight-page", in_language(InsightPage, language, slug="studie").url),
        ("search-results", f"/{language}/search/?q={SEARCH_WORD[language]}"),
        ("standard-page", in_language(StandardPage, language, slug="ueber-die-kampagne").url),
        ("not-found", f"{home.url}{'x' * 12}/"),
    ]


def hex_colour(css_rgb):
    """'rgb(25, 72, 106)' as '#19486a'."""
    red, green, blue = (int(part) for part in css_rgb[css_rgb.index("(") + 1 : -1].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def sdg_badges(page):
    """(number, contrast ratio of its text on its colour) for each SDG badge shown."""
    shown = page.locator(".sdg-badge").evaluate_all(
        """badges => badges.map(badge => {
            const style = getComputedStyle(badge);
            return [badge.textContent.trim(), style.color, style.backgroundColor];
        })"""
    )
    return [
        (number, contrast_ratio(hex_colour(text), hex_colour(background)))
        for number, text, background in shown
    ]


def serious_violations(results):
    return [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def describe(violation):
    targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_public_pages_have_no_serious_accessibility_violations(new_page, language):
    axe = Axe()
    found = {}
    badges_checked = set()
    for viewport_name, viewport in VIEWPORTS.items():
        page = new_page(language=language, viewport=viewport)
        for page_type, path in public_pages(language):
            response = page.goto(path)
            expected_status = 404 if page_type == "not-found" else 200
            assert response.status == expected_status, (page_type, path)
            screenshot(page, f"{page_type}-{language}-{viewport_name}")
            problems = serious_violations(axe.run(page, options=AXE_OPTIONS))
            # The small numbers on the SDG colours are normal text: WCAG AA asks for 4.5:1.
            for number, ratio in sdg_badges(page):
                badges_checked.add(number)
                if ratio < 4.5:
                    problems.append(f"SDG {number} badge: contrast {ratio:.2f} < 4.5")
            if problems:
                found[f"{page_type} {viewport_name} {path}"] = [
                    problem if isinstance(problem, str) else describe(problem)
                    for problem in problems
                ]
    assert found == {}
    assert badges_checked  # the event page shows its goals
