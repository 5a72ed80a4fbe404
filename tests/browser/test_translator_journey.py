"""A translator limited to French, with the admin in French, translates a new event.

She starts from the translation status, is offered French only, lands in wagtail-localize's
editor, fills it with the offline machine translation (the German source copied, marked for
review), rewrites a string, publishes, and sees the status go from "in progress" to done.
No link she follows ends on a "no access" page.
"""

import re

from playwright.sync_api import expect

from wagtail.models import Locale

from home.admin.roles import language_translators_name
from tests.support.factories import make_event

from .support import (
    LIVE_DEMO_SITE,
    NO_ACCESS,
    every_admin_link_opens,
    log_in_as,
    make_staff,
    screenshot,
)

pytestmark = LIVE_DEMO_SITE

TITLE = "Fachgespräch: Multi-Akteurs-Partnerschaften in Kommunen"
TEASER = "Wie Kommunen Multi-Akteurs-Partnerschaften für die Agenda 2030 aufbauen."
TITLE_FR = "Table ronde : les partenariats multipartites dans les communes"


class NoAccessWatch:
    """Records every page the translator reaches that refuses her (403 or "no access")."""

    def __init__(self, page):
        self.page = page
        self.refusals = []
        page.on("response", self.check_response)

    def check_response(self, response):
        if response.request.is_navigation_request() and response.status == 403:
            self.refusals.append(response.url)

    def arrived(self, name):
        """After a click: the page says nothing about missing access; a screenshot of it."""
        self.page.wait_for_load_state()
        expect(self.page.locator("body")).not_to_have_text(NO_ACCESS)
        assert self.refusals == [], self.refusals
        screenshot(self.page, f"translator-journey-{name}")

    def every_admin_link_opens(self, scope):
        """Every admin link shown in `scope` answers without refusing her."""
        every_admin_link_opens(self.page, scope)


def status_section(page):
    return page.locator('section[data-locale="fr"]')


def test_a_translator_limited_to_french_translates_an_event(new_page):
    event = make_event(TITLE, teaser=TEASER)
    translator = make_staff("traductrice", groups=[language_translators_name("fr")], language="fr")
    page = log_in_as(new_page, translator)
    watch = NoAccessWatch(page)
    watch.arrived("1-dashboard")
    watch.every_admin_link_opens(page.locator("body"))  # menu, dashboard panels, account

    # The dashboard's translation status shows her language only; she opens it.
    panel = page.locator("#translation-status-section")
    expect(panel.locator("tr[data-locale]")).to_have_count(1)
    panel.get_by_role("link", name="Français").click()
    watch.arrived("2-status-missing")
    watch.every_admin_link_opens(page.locator("main"))
    missing = status_section(page).locator('table[data-status="missing"]')
    missing.get_by_role("row", name=TITLE).get_by_role("link", name="Traduire").click()

    # Only French is offered, already ticked.
    watch.arrived("3-submit-form")
    expect(page.get_by_role("checkbox", name="Français")).to_be_checked()
    expect(page.get_by_role("checkbox", name="English")).to_have_count(0)
    page.get_by_role("button", name="Soumettre").click()

    # She lands in the translation editor of the French page.
    french = event.get_translation(Locale.objects.get(language_code="fr"))
    expect(page).to_have_url(re.compile(rf"/admin/pages/{french.pk}/edit/$"))
    expect(page.locator(".js-translation-editor")).to_be_visible()
    watch.arrived("4-translation-editor")

    # The status says the translation is in progress, nothing translated, with a way back.
    page.goto("/admin/reports/translation-status/?locale=fr")
    watch.arrived("5-status-in-progress")
    row = (
        status_section(page)
        .locator('table[data-status="in-progress"]')
        .get_by_role("row", name=TITLE)
    )
    expect(row).to_contain_text(re.compile(r"0 sur \d+ textes traduits"))
    expect(row).to_contain_text("Pas encore publiée")
    expect(status_section(page)).not_to_contain_text("Tout est traduit")
    watch.every_admin_link_opens(page.locator("main"))
    row.get_by_role("link", name="Continuer la traduction").click()
    expect(page.locator(".js-translation-editor")).to_be_visible()

    # Machine translation offline: the German copied, glossary terms in French, for review.
    page.get_by_role("button", name=re.compile(r"^Traduire avec copie de la source")).click()
    watch.arrived("6-machine-translated")
    content = page.get_by_role("tabpanel", name="Contenu")
    title = content.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Titre", exact=True)
    )
    expect(title).to_contain_text("Fachgespräch: partenariats multipartites in Kommunen")
    expect(title).to_contain_text("Traduit avec copie de la source (à relire)")
    teaser = content.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Accroche", exact=True)
    )
    expect(teaser).to_contain_text("Wie Kommunen partenariats multipartites für die Agenda 2030")

    # She rewrites the title in French.
    title.get_by_role("button", name="Modifier").click()
    title.get_by_role("textbox").fill(TITLE_FR)
    title.get_by_role("button", name="Enregistrer").click()
    expect(title).to_contain_text("Traduit manuellement")
    watch.arrived("7-title-rewritten")

    # Publishing the French page.
    page.get_by_role("button", name=re.compile(r"^Publier (en|dans)")).click()
    expect(page.get_by_role("status")).to_contain_text(TITLE_FR)
    watch.arrived("8-published")
    french.refresh_from_db()
    assert french.live
    assert french.title == TITLE_FR

    # The status no longer lists the event: everything French is done.
    page.goto("/admin/reports/translation-status/?locale=fr")
    watch.arrived("9-status-translated")
    expect(status_section(page)).not_to_contain_text(TITLE)
    expect(status_section(page)).to_contain_text("Tout est traduit et à jour.")
    expect(page.locator('tr[data-locale="fr"] [data-count="in-progress"]')).to_have_text("0")
    expect(page.locator('tr[data-locale="fr"] [data-count="missing"]')).to_have_text("0")
    watch.every_admin_link_opens(page.locator("main"))
