"""The editor's and the publisher's journeys through the admin, in German.

A communications editor opens the form for a new event with one click, writes a hybrid
event with a registration form (the address is made without umlauts), submits it for
review, adds a forgotten paragraph while it is in review; a publisher approves and
publishes it. Then the editor writes a news insight about the event. Every admin step is
saved as a screenshot; no link they follow may lead to a "no access" page.
"""

import datetime
import re

from playwright.sync_api import expect

from wagtail.models import WorkflowState

from events.models import EventIndexPage, EventPage
from home.admin.roles import EDITORS, PUBLISHERS
from insights.models import InsightIndexPage, InsightPage

from .support import (
    LIVE_DEMO_SITE,
    NO_ACCESS,
    autosaves,
    every_admin_link_opens,
    log_in_as,
    make_staff,
    screenshot,
    wait_for_autosave,
    wait_for_the_editor,
    watch_the_editor_start,
)

pytestmark = LIVE_DEMO_SITE

TITLE = "Fachgespräch: Partnerschaften über Grenzen"
SLUG = "fachgespraech-partnerschaften-ueber-grenzen"
TEASER = "Ein Abend über grenzüberschreitende Partnerschaften, vor Ort und online."
FORGOTTEN = "Bitte bringen Sie einen Lichtbildausweis mit."
INSIGHT = "Was wir im Fachgespräch über Grenzen gelernt haben"


def approvers():
    """The groups of the first task of the moderation workflow that applies to events."""
    workflow = EventIndexPage.objects.get(locale__language_code="de").get_workflow()
    assert workflow is not None, "events must go through a moderation workflow"
    return list(workflow.tasks.first().specific.groups.all())


class Walk:
    """A staff member's browser page that screenshots each step and refuses dead ends."""

    def __init__(self, page, who):
        self.page = page
        self.who = who
        self.step = 0
        self.failures = []
        page.on("response", self.note_failure)
        watch_the_editor_start(page)

    def note_failure(self, response):
        request = response.request
        if request.resource_type == "document" and response.status >= 400:
            self.failures.append(f"{response.status} {request.url}")

    def check(self, name):
        """The page reached is one the person may see; a screenshot of it is kept."""
        self.page.wait_for_load_state()
        expect(self.page.locator("body")).not_to_contain_text(NO_ACCESS)
        assert not self.failures, self.failures
        self.step += 1
        screenshot(self.page, f"journey-{self.who}-{self.step:02d}-{name}")

    def follow(self, link, name):
        link.click()
        self.check(name)

    def every_link_opens(self, scope="body"):
        """Every admin link on the page reached (in `scope`) opens for this person."""
        every_admin_link_opens(self.page, self.page.locator(scope))


def open_footer_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def write_event(editor, index, start):
    """One click from the dashboard to the form; the slug follows the title, transliterated."""
    panel = editor.page.locator("#upcoming-events-section")
    editor.follow(panel.get_by_role("link", name="Veranstaltung hinzufügen"), "new-event-form")
    page = editor.page
    expect(page).to_have_url(re.compile(f"/admin/pages/add/events/eventpage/{index.pk}/$"))
    # Typed before the editor has settled, the event would not be autosaved (support.py).
    wait_for_the_editor(page)

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_teaser").click()  # leaving the title fills the slug
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("#id_teaser").fill(TEASER)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_format").select_option(label="Hybrid")
    page.locator("#id_venue_name").fill("Haus der Partnerschaften")
    page.locator("#id_venue_city").fill("Bonn")
    page.locator("#id_online_url").fill("https://example.org/live")
    registration = page.get_by_role("region", name="Anmeldung", exact=True)
    registration.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Anmeldeformular auf dieser Website").click()
    registration.get_by_role("spinbutton", name=re.compile("^Plätze")).fill("40")

    # Autosave has kept a draft meanwhile, and says so.
    expect(page.locator("[data-autosaved-draft]")).to_contain_text("Automatisch gespeichert")
    editor.check("event-filled-in")

    page.get_by_role("tab", name=re.compile("Veröffentlichung")).click()
    expect(page.locator("#id_slug")).to_be_visible()
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    editor.check("event-slug-without-umlauts")

    open_footer_menu(page)
    page.locator("button[name='action-submit']").click()
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    editor.check("event-submitted")


def add_forgotten_paragraph(editor, event):
    """While the event is in review, its author adds a paragraph and saves: no lock, no
    cancelled workflow."""
    page = editor.page
    editor.follow(page.get_by_role("link", name="Dashboard").first, "dashboard")
    editor.follow(page.get_by_role("link", name="Alle Veranstaltungen"), "events-listing")
    editor.every_link_opens("main")
    editor.follow(page.get_by_role("link", name=TITLE).first, "event-in-review")
    expect(page.locator("footer")).not_to_contain_text("Seite gesperrt")
    editor.every_link_opens()

    description = page.get_by_role("region", name="Beschreibung", exact=True)
    description.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Text", exact=True).click()
    paragraph = description.locator("[contenteditable=true]").first
    saved = autosaves(page)
    paragraph.click()
    paragraph.type(FORGOTTEN)
    # Draftail keeps the text in a hidden field, a moment after typing.
    expect(description.locator("input[type=hidden][name$='-value']").first).to_have_value(
        re.compile(re.escape(FORGOTTEN))
    )
    wait_for_autosave(page, saved)
    page.locator("footer button.action-save").click()
    expect(page.get_by_role("status")).to_contain_text(f"„{TITLE}“ ist weiter in Prüfung")
    editor.check("event-paragraph-added-in-review")

    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # still in review
    event.refresh_from_db()
    assert FORGOTTEN in str(event.get_latest_revision().content["body"])


def approve(publisher):
    page = publisher.page
    review = page.locator("section").filter(has_text="Ihre Überprüfung steht aus").first
    publisher.follow(review.get_by_role("link", name=TITLE).first, "event-to-review")
    expect(page.locator("form[data-edit-form]")).to_contain_text(FORGOTTEN)
    publisher.every_link_opens()
    open_footer_menu(page)
    page.locator("footer button[data-workflow-action-name='approve']").first.click()
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    publisher.check("event-approved")


def write_insight(editor, index, event):
    page = editor.page
    editor.follow(page.get_by_role("link", name="Dashboard").first, "dashboard-again")
    panel = page.locator("#latest-insights-section")
    editor.follow(panel.get_by_role("link", name="Erkenntnis hinzufügen"), "new-insight-form")
    expect(page).to_have_url(re.compile(f"/admin/pages/add/insights/insightpage/{index.pk}/$"))

    page.locator("#id_title").fill(INSIGHT)
    page.locator("#id_teaser").click()
    expect(page.locator("#id_slug")).to_have_value(
        "was-wir-im-fachgespraech-ueber-grenzen-gelernt-haben"
    )
    page.locator("#id_insight_type").select_option(label="Neuigkeit")
    page.locator("#id_teaser").fill("Drei Dinge, die Partnerschaften über Grenzen tragen.")

    events = page.get_by_role("region", name="Erkenntnisse aus diesen Veranstaltungen")
    events.locator("button.button-small").filter(has_text="Veranstaltung").first.click()
    events.get_by_role("button", name=re.compile("Seite auswählen")).first.click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("textbox").first.fill("Fachgespräch")
    chooser.get_by_role("link", name=TITLE).first.click()
    expect(events).to_contain_text(TITLE)
    editor.check("insight-linked-to-event")

    open_footer_menu(page)
    page.locator("button[name='action-submit']").click()
    expect(page.get_by_role("status")).to_contain_text(INSIGHT)
    editor.check("insight-submitted")

    insight = InsightPage.objects.get(title=INSIGHT)
    draft = insight.get_latest_revision_as_object()
    assert [link.event_id for link in draft.event_links.all()] == [event.pk]
    assert draft.insight_type == "news"


def test_editor_writes_an_event_and_an_insight_and_a_publisher_approves(new_page):
    editor_user = make_staff("redakteurin", [EDITORS], language="de")
    publisher_user = make_staff("herausgeber", [PUBLISHERS, *approvers()], language="de")
    events_index = EventIndexPage.objects.get(locale__language_code="de")
    insights_index = InsightIndexPage.objects.get(locale__language_code="de")
    start = datetime.date.today() + datetime.timedelta(days=21)

    editor = Walk(log_in_as(new_page, editor_user), "editor")
    editor.check("dashboard")
    editor.every_link_opens()  # menu, dashboard panels, account
    write_event(editor, events_index, start)
    event = EventPage.objects.get(title=TITLE)
    assert event.slug == SLUG
    assert not event.live
    add_forgotten_paragraph(editor, event)

    publisher = Walk(log_in_as(new_page, publisher_user), "publisher")
    publisher.check("dashboard")
    publisher.every_link_opens()
    approve(publisher)
    event.refresh_from_db()
    assert event.live
    assert event.registration[0].block_type == "on_site"
    assert event.registration[0].value["capacity"] == 40

    visitor = new_page()
    visitor.goto(f"/de/veranstaltungen/{SLUG}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text(FORGOTTEN)

    write_insight(editor, insights_index, event)
