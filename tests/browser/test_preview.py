"""The editor's live preview and checks, in a real browser with the admin in German: the
preview panel shows the page being edited, and the "Checks" panel, which reads the page from
the preview's frame, reports the accessibility problem the page really has."""

import re

from playwright.sync_api import expect

from wagtail.admin.models import EditingSession

from home.admin.roles import EDITORS
from home.models import HomePage, StandardPage

from .support import (
    LIVE_DEMO_SITE,
    log_in_as,
    make_staff,
    screenshot,
    wait_for_the_editor,
    watch_the_editor_start,
)

pytestmark = LIVE_DEMO_SITE

PARAGRAPH = "Dieser Absatz steht nur auf der Seite mit dem Überschriftenfehler."
SKIPPED_LEVEL = "Unterabschnitt ohne Abschnitt"


def page_with_a_heading_level_skip():
    """A German standard page whose first heading below the title is an h3 (h1 → h3)."""
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(
        title="Seite mit Überschriftenfehler",
        slug="seite-mit-ueberschriftenfehler",
        body=[
            ("heading", {"text": SKIPPED_LEVEL, "level": "h3", "anchor": ""}),
            ("paragraph", f"<p>{PARAGRAPH}</p>"),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_editor_sees_the_preview_and_a_real_check_result(new_page):
    page_id = page_with_a_heading_level_skip().pk
    editor = make_staff("vorschau-redakteurin", [EDITORS], language="de")
    browser_page = log_in_as(new_page, editor)
    framing_refused = []
    browser_page.on(
        "console",
        lambda message: (
            framing_refused.append(message.text) if "frame-ancestors" in message.text else None
        ),
    )

    watch_the_editor_start(browser_page)
    browser_page.goto(f"/admin/pages/{page_id}/edit/")
    browser_page.get_by_role("button", name="Vorschau umschalten").click()
    preview = browser_page.frame_locator("iframe[data-w-preview-target='iframe']").first
    expect(preview.locator("h1")).to_have_text("Seite mit Überschriftenfehler")
    expect(preview.get_by_text(PARAGRAPH)).to_be_visible()
    screenshot(browser_page, "preview-panel-de")

    # An edit shows up in the preview without saving.
    wait_for_the_editor(browser_page)
    browser_page.locator("#id_title").fill("Seite mit Überschriftenfehler (Entwurf)")
    browser_page.locator("#id_title").press("Tab")
    expect(preview.locator("h1")).to_have_text(
        "Seite mit Überschriftenfehler (Entwurf)", timeout=15_000
    )

    browser_page.get_by_role("button", name="Überprüfungen umschalten").click()
    checks = browser_page.locator("[data-side-panel='checks']")
    expect(checks.get_by_role("heading", name=re.compile("Probleme gefunden"))).to_be_visible()
    expect(checks.locator("[data-content-checker-count]")).not_to_have_text("0")
    issue = checks.locator("[data-content-checker-row]").filter(
        has_text="Falsche Überschriftenhierarchie"
    )
    expect(issue).to_have_count(1)
    # The content metrics come from the preview too: the words on the page are counted.
    expect(checks.locator("[data-content-word-count]")).not_to_have_text("-")
    screenshot(browser_page, "preview-checks-de")
    assert framing_refused == []

    # Leave the editor while the test still holds the database: on leaving, the editor tells
    # the server that its editing session ended, and that request needs the database too.
    assert EditingSession.objects.filter(object_id=str(page_id)).exists()
    browser_page.once("dialog", lambda dialog: dialog.accept())
    browser_page.goto("/admin/")
    for _attempt in range(100):
        if not EditingSession.objects.filter(object_id=str(page_id)).exists():
            break
        browser_page.wait_for_timeout(100)
    assert not EditingSession.objects.filter(object_id=str(page_id)).exists()
