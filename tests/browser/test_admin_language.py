"""The translation editor as a French translator sees it in a real browser: wagtail-localize's
React editor in French, its words the catalogues leave in English or garble put right."""

import re

from playwright.sync_api import expect

from django.utils import formats, timezone, translation

from events.models import EventPage
from home.admin.roles import TRANSLATORS

from .support import LIVE_DEMO_SITE, log_in_as, make_staff, screenshot

pytestmark = LIVE_DEMO_SITE

ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)


def test_a_french_translator_reads_the_translation_editor_in_french(new_page):
    event = EventPage.objects.filter(locale__language_code="fr").first()
    with translation.override("fr"):
        month = formats.date_format(timezone.localtime(), "F")  # when the demo was translated
    translator = make_staff("traductrice", [TRANSLATORS], language="fr")
    page = log_in_as(new_page, translator)

    page.goto(f"/admin/pages/{event.pk}/edit/")
    editor = page.locator(".js-translation-editor")
    section_title = editor.get_by_role("heading", name="Traduction Deutsch → Français")
    expect(section_title.first).to_be_visible()
    expect(editor).not_to_contain_text("to Français translation")
    expect(page.get_by_role("button", name="Publier en Français")).to_be_visible()
    expect(editor).not_to_contain_text("dansFrançais")
    expect(editor.locator(".w-sr-only", has_text="Plus d'actions").first).to_be_attached()
    expect(editor.locator(".w-sr-only", has_text="More actions")).to_have_count(0)
    # Each string says when it was translated, in French.
    expect(editor.get_by_text(re.compile(rf" le \d+ {month} \d{{4}}$")).first).to_be_visible()
    expect(editor).not_to_contain_text(re.compile(rf"\d+ ({ENGLISH_MONTHS}) \d{{4}}"))
    expect(page.get_by_role("button", name="Traductions")).to_be_visible()
    # No avatar from another site (the admin's policy would block it).
    sources = page.locator("img").evaluate_all("images => images.map(image => image.src)")
    assert [src for src in sources if "gravatar" in src] == []
    screenshot(page, "translation-editor-fr")
