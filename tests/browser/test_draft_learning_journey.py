"""Journey: after an event, a communications editor drafts a learning from it, in German.

The event is over: it had a programme, people came, and they answered the feedback form,
one of them agreeing to be quoted and one not (both answers selected for quoting, as if
by mistake). The editor finds the event in the page explorer, chooses "Lernerfahrung
entwerfen" in its header menu, confirms, and lands in the new draft: its title, the
programme, the feedback summary and the one quote the respondent agreed to. She submits it
for review; the event's drafting page then lists it.
"""

import datetime
import json
import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from wagtail.models import WorkflowState

from events.feedback.forms import CONSENT_FIELD, FeedbackForm, questions_of, record
from events.models import EventPage, EventPageSpeaker, FeedbackAnswer
from events.registration.attendance import check_in
from home.admin.roles import EDITORS
from home.models import Person, StakeholderGroup, SustainableDevelopmentGoal
from insights.models import InsightPage
from tests.support.factories import event_index, locale, make_event
from tests.support.feedback import (
    africa,
    enabling_factors,
    feedback_form,
    move_into_the_past,
    register,
)
from tests.support.registration import on_site, without_double_opt_in

from .support import (
    LIVE_DEMO_SITE,
    NO_ACCESS,
    log_in_as,
    make_staff,
    screenshot,
    wait_for_the_editor,
    watch_the_editor_start,
)

pytestmark = LIVE_DEMO_SITE

TITLE = "Werkstatt: Vertrauen über Grenzen"
LEARNING = f"Lernerfahrungen aus „{TITLE}“"
SESSION = "Podium: Vertrauen aufbauen"
QUOTED = "Vertrauen wuchs durch offene Gespräche vor Ort."
NOT_CONSENTED = "Bitte nicht zitieren: die Moderation war schwach."
IN_REVIEW = re.compile("in Moderation", re.IGNORECASE)  # Wagtail's status, capitalised or not


def programme(speaker):
    session = {
        "day": None,
        "start_time": "14:00:00",
        "end_time": "15:30:00",
        "title": SESSION,
        "room": "Saal 1",
        "description": "",
        "speakers": [speaker.pk],
    }
    return json.dumps([{"type": "session", "value": session}])


def answer(event, registration, *, rating, factor, text, consent):
    """The feedback form sent by `registration`'s person, as the public form records it."""
    keys = {block.block_type: block.id for block in event.feedback}
    data = {
        keys["rating"]: str(rating),
        keys["enabling_factor"]: str(factor.pk),
        keys["choice"]: "0",
        keys["free_text"]: text,
    }
    if consent:
        data[CONSENT_FIELD] = "on"
    form = FeedbackForm(data, questions=questions_of(event))
    assert form.is_valid(), form.errors
    return record(event, registration, form)


def past_event_with_feedback(capture):
    """A tagged event with a session, three registrations (two came), over three days ago,
    and two written answers selected for quoting: one consented to, one not."""
    factors = enabling_factors()
    speaker = Person.objects.create(
        locale=locale("de"), name="Amina Diallo", role="Moderatorin", organisation="Rat XY"
    )
    start = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10)
    event = make_event(
        TITLE,
        start,
        end=start + datetime.timedelta(hours=2),
        registration=on_site(capacity=5),
        feedback=feedback_form(),
        agenda=programme(speaker),
        speakers=[EventPageSpeaker(person=speaker)],
    )
    without_double_opt_in(event)
    event.sdgs.set([SustainableDevelopmentGoal.objects.get(locale=locale("de"), number=17)])
    event.regions.set([africa()])
    event.topics.set([factors["vertrauen"]])
    event.stakeholder_groups.set(
        [StakeholderGroup.objects.get(locale=locale("de"), slug="civil-society")]
    )
    event.save_revision().publish()
    ana = register(event, capture, "ana@example.org", stakeholder_group="civil-society")
    elise = register(
        event, capture, "elise@example.org", stakeholder_group="civil-society", country="KE"
    )
    register(event, capture, "cy@example.org", stakeholder_group="private-sector")

    move_into_the_past(event)
    event = EventPage.objects.get(pk=event.pk)

    for person in (ana, elise):
        assert check_in(person) == "checked_in"
    quoted = answer(event, ana, rating=5, factor=factors["vertrauen"], text=QUOTED, consent=True)
    refused = answer(
        event, elise, rating=4, factor=factors["vertrauen"], text=NOT_CONSENTED, consent=False
    )
    FeedbackAnswer.objects.filter(response__in=[quoted, refused], kind="free_text").update(
        quotable=True
    )
    return event


def check(page, name):
    """The page reached is one the editor may see; a screenshot of it is kept."""
    page.wait_for_load_state()
    expect(page.locator("body")).not_to_contain_text(NO_ACCESS)
    screenshot(page, f"journey-learning-{name}")


def test_an_editor_drafts_a_learning_from_a_past_event(
    new_page, django_capture_on_commit_callbacks
):
    event = past_event_with_feedback(django_capture_on_commit_callbacks)
    editor = make_staff("redakteurin", [EDITORS], language="de")
    page = log_in_as(new_page, editor)
    watch_the_editor_start(page)

    # The event in the page explorer, then its edit page.
    page.goto(f"/admin/pages/{event_index('de').pk}/?q=Werkstatt")
    page.get_by_role("link", name=TITLE, exact=True).first.click()
    expect(page).to_have_url(re.compile(f"/admin/pages/{event.pk}/edit/$"))
    check(page, "01-event")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Aktionen").click()
    page.get_by_role("link", name="Lernerfahrung entwerfen").click()

    # What will be drafted, and where; nothing drafted yet.
    expect(page).to_have_url(re.compile(f"/admin/learnings/draft/{event.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lernerfahrung entwerfen")
    main = page.locator("main")
    expect(main.locator("[data-event]")).to_contain_text(TITLE)
    expect(main).to_contain_text("wird auf Deutsch entworfen")
    expect(main.locator("[data-learnings]")).to_have_count(0)
    check(page, "02-confirmation")
    main.get_by_role("button", name="Lernerfahrung entwerfen").click()

    # The draft opens in the editor, with the event's programme and feedback.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_path = urlsplit(page.url).path
    expect(page.get_by_role("status")).to_contain_text(
        f"Die Lernerfahrung „{LEARNING}“ wurde aus der Veranstaltung entworfen."
    )
    expect(page.locator("#id_title")).to_have_value(LEARNING)
    expect(page.locator("#id_teaser")).to_have_value(
        re.compile(f"^Was die Teilnehmenden von „{re.escape(TITLE)}“")
    )
    form = page.locator("form[data-edit-form]")
    expect(form).to_contain_text(f"14:00–15:30: {SESSION} (Saal 1; Amina Diallo)")
    expect(form).to_contain_text("Nach Akteursgruppe: Zivilgesellschaft (2)")
    quote = form.locator("textarea[name^='body-'][name$='-value-text']")
    expect(quote).to_have_count(1)
    expect(quote).to_have_value(QUOTED)
    fields = form.locator("input[type=text], textarea, [contenteditable=true]").evaluate_all(
        "fields => fields.map(field => field.value ?? field.textContent)"
    )
    assert "Was die Teilnehmenden sagten" in fields  # the summary's heading
    assert not [field for field in fields if NOT_CONSENTED in (field or "")]
    expect(form).not_to_contain_text(NOT_CONSENTED)
    # Not published: a draft, as the status panel says.
    page.locator("[data-side-panel-toggle='status']").click()
    expect(page.locator("[data-side-panel='status']")).to_contain_text("Entwurf")
    check(page, "03-draft")

    # Submitted for review once the editor has settled.
    wait_for_the_editor(page)
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-submit']").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"‚{LEARNING}‘ wurde zur Moderation eingereicht"
    )
    # Wagtail shows the insights explorer, the draft in it in review.
    listed = page.locator("main tr").filter(has=page.get_by_role("link", name=LEARNING))
    expect(listed).to_contain_text(IN_REVIEW)
    check(page, "04-in-review")

    # Looked up only now the editor is closed (it shares the test database's connection).
    learning = InsightPage.objects.get(event_links__event=event)
    assert edit_path == f"/admin/pages/{learning.pk}/edit/"
    assert learning.title == LEARNING and not learning.live
    assert learning.insight_type == "learning"
    assert [goal.number for goal in learning.sdgs.all()] == [17]
    assert [region.slug for region in learning.regions.all()] == ["afrika"]
    assert [topic.slug for topic in learning.topics.all()] == ["vertrauen"]
    assert [group.slug for group in learning.stakeholder_groups.all()] == ["civil-society"]
    state = WorkflowState.objects.get(object_id=str(learning.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # Drafting again from the event opens the learning already drafted, saying so: one
    # learning per event, never a second draft by mistake.
    page.goto(f"/admin/learnings/draft/{event.pk}/")
    expect(page).to_have_url(re.compile(f"/admin/pages/{learning.pk}/edit/$"))
    expect(
        page.get_by_text(
            "Zu dieser Veranstaltung gibt es bereits einen Entwurf einer Lernerfahrung; "
            "hier ist er."
        )
    ).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(LEARNING)
    check(page, "05-already-drafted")
