"""Journeys in the admin: an editor writes an event, a publisher approves it, a translator
translates it into French in wagtail-localize's editor and publishes it."""

import datetime
import re

from playwright.sync_api import expect

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale
from wagtail.users.models import UserProfile

from events.models import EventIndexPage, EventPage
from home.admin.roles import EDITORS, PUBLISHERS, TRANSLATORS

from .support import LIVE_DEMO_SITE, screenshot

pytestmark = LIVE_DEMO_SITE

PASSWORD = "a-long-test-password"  # noqa: S105
TITLE = "Netzwerktreffen: Partnerschaften vor Ort"
TEASER = "Ein Abend, um Menschen aus Partnerschaften kennenzulernen."
TITLE_FR = "Rencontre : les partenariats sur le terrain"
SLUG_FR = "rencontre-partenariats-terrain"
TEASER_FR = "Une soirée pour rencontrer des personnes engagées dans des partenariats."


def make_user(username, groups):
    """A staff member in `groups`, who reads the admin in English."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.set(groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def approvers():
    """The groups of the first task of the moderation workflow that applies to events."""
    workflow = EventIndexPage.objects.get(locale__language_code="de").get_workflow()
    assert workflow is not None, "events must go through a moderation workflow"
    return list(workflow.tasks.first().specific.groups.all())


def log_in(new_page, username):
    page = new_page(language="en-GB")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def write_event_and_submit(new_page, start):
    """The editor creates an online event with a registration form and submits it."""
    editor = log_in(new_page, "editor")
    index = EventIndexPage.objects.get(locale__language_code="de")
    editor.goto(f"/admin/pages/{index.pk}/")
    editor.get_by_role("link", name="Add child page").first.click()
    # Events are the only kind of page under the index: the form opens straight away.
    expect(editor.get_by_role("heading", level=1)).to_have_text("New: Event")
    editor.get_by_role("textbox", name="Title*").fill(TITLE)
    editor.get_by_role("textbox", name="Teaser").fill(TEASER)
    editor.get_by_role("textbox", name="Start date*").fill(start.isoformat())
    editor.get_by_role("textbox", name="Start time").fill("18:00")
    editor.get_by_role("combobox", name="Format*").select_option(label="Online")
    registration = editor.get_by_role("region", name="Registration", exact=True)
    registration.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Registration form on this site").click()
    registration.get_by_role("spinbutton", name="Places*").fill("25")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=re.compile(r"^Submit to ")).click()
    expect(editor.get_by_role("status")).to_contain_text(
        f"Page '{TITLE}' created and submitted for moderation."
    )
    # Nothing is public before the approval.
    editor.goto("/de/veranstaltungen/")
    expect(editor.get_by_role("link", name=TITLE)).to_have_count(0)


def approve(new_page):
    """The publisher finds the event awaiting review on the dashboard and approves it."""
    publisher = log_in(new_page, "publisher")
    review = publisher.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name=TITLE).click()
    publisher.get_by_role("button", name="More actions").click()
    publisher.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(publisher.get_by_role("status")).to_contain_text(TITLE)


def translate_segments(editor, tab, translations):
    """Translate strings in one tab of wagtail-localize's editor, each saved before going on."""
    editor.get_by_role("tab", name=tab).click()
    panel = editor.get_by_role("tabpanel", name=tab)
    for heading, text in translations.items():
        segment = panel.get_by_role("listitem").filter(
            has=editor.get_by_role("heading", name=heading, exact=True)
        )
        segment.get_by_role("button", name="Translate").click()
        segment.get_by_role("textbox").fill(text)
        segment.get_by_role("button", name="Save").click()
        expect(segment).to_contain_text("Translated manually")  # saved, not still saving


def test_editor_writes_publisher_approves_translator_translates(new_page):
    make_user("editor", Group.objects.filter(name=EDITORS))
    make_user("publisher", [Group.objects.get(name=PUBLISHERS), *approvers()])
    make_user("translator", Group.objects.filter(name=TRANSLATORS))
    start = datetime.date.today() + datetime.timedelta(days=7)

    # Journey 3: editor, publisher, public index.
    write_event_and_submit(new_page, start)
    approve(new_page)
    event = EventPage.objects.get(title=TITLE)
    assert event.live
    assert event.registration[0].block_type == "on_site"
    assert event.registration[0].value["capacity"] == 25

    visitor = new_page()
    visitor.goto("/de/veranstaltungen/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("region", name="Anmeldung")).to_contain_text("25 Plätze frei")

    # Journey 4: the translator starts the French translation from the translation status
    # report, translates each string in wagtail-localize's editor and publishes.
    translator = log_in(new_page, "translator")
    translator.get_by_role("region", name="Translation status").get_by_role(
        "link", name="Français"
    ).click()
    translator.get_by_role("row", name=TITLE).get_by_role("link", name="Translate").click()
    expect(translator.get_by_role("checkbox", name="Français")).to_be_checked()
    translator.get_by_role("button", name="Submit").click()
    expect(translator.get_by_role("status")).to_contain_text("submitted for translation")

    french = event.get_translation(Locale.objects.get(language_code="fr"))
    assert not french.live  # translations start as drafts
    translator.goto(f"/admin/pages/{french.pk}/edit/")
    translate_segments(translator, "Content", {"Title": TITLE_FR, "Teaser": TEASER_FR})
    screenshot(translator, "journey-translation-editor-desktop")
    translate_segments(translator, "Promote", {"Slug": SLUG_FR})
    screenshot(translator, "journey-translation-editor-desktop")
    translator.get_by_role("button", name="Publish in Français").click()
    status = translator.get_by_role("status")
    expect(status).to_contain_text(f"Published '{TITLE_FR}' in Français")
    expect(status).not_to_contain_text("missing translations")

    reader = new_page(language="fr-FR")
    reader.goto("/fr/")
    reader.get_by_role("link", name=TITLE_FR).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_FR)
    expect(reader).to_have_url(re.compile(f"/fr/evenements/{SLUG_FR}/$"))
    expect(reader.locator(".lead")).to_have_text(TEASER_FR)
    expect(reader.get_by_role("region", name="Inscription")).to_contain_text("25 places")
