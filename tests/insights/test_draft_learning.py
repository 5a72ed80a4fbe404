"""A learning drafted from a past event: one action on the event makes a draft insight with
its tags, programme, speakers and the summary of its feedback (only the answers selected for
quoting whose authors agreed), linked both ways, saved as a revision for the workflow."""

import datetime
import json
import zoneinfo

import pytest

from django.utils.html import strip_tags

from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from events.feedback.forms import FeedbackForm, questions_of, record
from events.models import EventPageSpeaker, FeedbackAnswer
from home.admin.roles import EDITORS, ORGANISERS
from home.models import Person, StakeholderGroup, SustainableDevelopmentGoal
from insights.learnings import AlreadyDrafted, LearningRefused, draft_learning, learnings_of
from insights.models import InsightPage
from tests.support.factories import insight_index, locale
from tests.support.feedback import (
    africa,
    at,
    enabling_factors,
    event_over,
    register,
    translate_feedback,
)
from tests.support.registration import on_site
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
QUOTED = "Vertrauen wuchs durch offene Gespräche."
NOT_CONSENTED = "Bitte nicht zitieren: die Moderation war schwach."
NOT_SELECTED = "Gemeinsame Ziele haben geholfen."


def agenda(speaker):
    return json.dumps(
        [
            {
                "type": "session",
                "value": {
                    "day": None,
                    "start_time": "14:00:00",
                    "end_time": "15:30:00",
                    "title": "Podium: Vertrauen aufbauen",
                    "room": "Saal 1",
                    "description": "",
                    "speakers": [speaker.pk],
                },
            }
        ]
    )


def answer(event, registration, *, rating, factor, text, consent):
    keys = {block.block_type: block.id for block in event.feedback}
    data = {
        keys["rating"]: str(rating),
        keys["enabling_factor"]: str(factor.pk),
        keys["choice"]: "0",
        keys["free_text"]: text,
    }
    if consent:
        data["consent_to_quote"] = "on"
    form = FeedbackForm(data, questions=questions_of(event))
    assert form.is_valid(), form.errors
    return record(event, registration, form)


def select_for_quoting(response):
    """Staff's choice (the admin offers it only with consent; set here regardless)."""
    FeedbackAnswer.objects.filter(response=response, kind="free_text").update(quotable=True)


@pytest.fixture
def workshop(django_capture_on_commit_callbacks):
    """A tagged event with a speaker and a session, over; three people took part and two
    answered with consent, one without."""
    capture = django_capture_on_commit_callbacks
    factors = enabling_factors()
    region = africa()
    speaker = Person.objects.create(
        locale=locale("de"), name="Amina Diallo", role="Moderatorin", organisation="Rat XY"
    )
    event, end = event_over(
        registration=on_site(capacity=5),
        agenda=agenda(speaker),
        speakers=[EventPageSpeaker(person=speaker)],
    )
    sdg = SustainableDevelopmentGoal.objects.get(locale=locale("de"), number=17)
    group = StakeholderGroup.objects.get(locale=locale("de"), slug="civil-society")
    event.sdgs.set([sdg])
    event.regions.set([region])
    event.topics.set([factors["vertrauen"]])
    event.stakeholder_groups.set([group])
    event.save_revision().publish()
    people = {
        "ana": register(event, capture, "ana@example.org", stakeholder_group="civil-society"),
        "elise": register(
            event, capture, "elise@example.org", stakeholder_group="civil-society", country="KE"
        ),
        "cy": register(event, capture, "cy@example.org", stakeholder_group="private-sector"),
    }
    with at(end + HOUR):
        quoted = answer(
            event, people["ana"], rating=5, factor=factors["vertrauen"], text=QUOTED, consent=True
        )
        refused = answer(
            event,
            people["elise"],
            rating=4,
            factor=factors["vertrauen"],
            text=NOT_CONSENTED,
            consent=False,
        )
        answer(
            event,
            people["cy"],
            rating=3,
            factor=factors["gemeinsame-ziele"],
            text=NOT_SELECTED,
            consent=True,
        )
    select_for_quoting(quoted)
    select_for_quoting(refused)
    return {"event": event, "end": end, "speaker": speaker, "sdg": sdg, "group": group}


@pytest.fixture
def editor():
    return member_of(EDITORS, username="redakteurin")


def drafted(workshop, user):
    with at(workshop["end"] + 2 * HOUR):
        return draft_learning(workshop["event"], user)


def blocks_of(learning, block_type):
    return [block.value for block in learning.body if block.block_type == block_type]


def text_of(learning):
    return strip_tags(" ".join(str(html) for html in blocks_of(learning, "paragraph")))


def test_the_draft_carries_the_events_tags_link_programme_and_speakers(workshop, editor):
    event = workshop["event"]
    learning = InsightPage.objects.get(pk=drafted(workshop, editor).pk)

    assert learning.insight_type == "learning"
    assert learning.locale.language_code == "de"
    assert learning.get_parent().pk == insight_index("de").pk
    assert learning.title == "Lernerfahrungen aus „Partnerschaftswerkstatt“"
    assert "Partnerschaftswerkstatt" in learning.teaser
    assert list(learning.sdgs.all()) == [workshop["sdg"]]
    assert [region.slug for region in learning.regions.all()] == ["afrika"]
    assert [topic.slug for topic in learning.topics.all()] == ["vertrauen"]
    assert list(learning.stakeholder_groups.all()) == [workshop["group"]]
    assert [link.event.pk for link in learning.event_links.all()] == [event.pk]
    # The event, whatever its version, leads to its learnings in the admin.
    assert list(learnings_of(event)) == [learning]

    text = text_of(learning)
    assert "Partnerschaftswerkstatt" in text
    assert "14:00–15:30: Podium: Vertrauen aufbauen (Saal 1; Amina Diallo)" in text
    assert "Amina Diallo, Moderatorin, Rat XY" in text


def test_the_draft_summarises_the_feedback_with_only_consented_selected_quotes(workshop, editor):
    learning = drafted(workshop, editor)

    (figures,) = blocks_of(learning, "key_figures")
    assert figures["figures"][0]["value"] == "3"  # three responses
    rating = figures["figures"][1]
    assert rating["value"] in ("4,0 / 5", "4.0 / 5")
    assert rating["label"].startswith("Wie nützlich war die Veranstaltung")

    text = text_of(learning)
    assert "Zivilgesellschaft (2)" in text and "Privatwirtschaft (1)" in text
    assert "Afrika (1)" in text
    # The factors in the order of how often they were named.
    assert text.index("Vertrauen (") < text.index("Gemeinsame Ziele (")

    quotes = blocks_of(learning, "quote")
    assert [quote["text"] for quote in quotes] == [QUOTED]
    assert quotes[0]["attribution"] == "Zivilgesellschaft"
    for words in (NOT_CONSENTED, NOT_SELECTED):
        assert words not in str(learning.body.raw_data)


def test_the_draft_is_an_unpublished_revision_ready_for_the_workflow(
    workshop, editor, admin_client
):
    learning = drafted(workshop, editor)
    learning.refresh_from_db()

    assert not learning.live and learning.first_published_at is None
    assert learning.revisions.count() == 1
    assert learning.latest_revision.user == editor
    assert learning.owner == editor
    # Valid as the editor's form will check it (headings, figures and quotes within limits).
    learning.body.stream_block.clean(learning.body)
    assert admin_client.get(f"/admin/pages/{learning.pk}/edit/").status_code == 200

    # The event page lists it only once it is published.
    assert workshop["event"].related_insights() == []

    workflow = learning.get_workflow()
    assert workflow is not None
    workflow.start(learning, editor)
    state = WorkflowState.objects.get(object_id=str(learning.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    learning.get_latest_revision().publish()
    assert [insight.pk for insight in workshop["event"].related_insights()] == [learning.pk]


def test_an_event_is_drafted_from_once(workshop, editor):
    first = drafted(workshop, editor)
    with pytest.raises(AlreadyDrafted) as again:
        drafted(workshop, editor)
    assert again.value.learning == first
    assert list(learnings_of(workshop["event"])) == [first]


def test_a_learning_of_another_event_of_the_same_title_gets_its_own_address(workshop, editor):
    first = drafted(workshop, editor)
    namesake, _end = event_over()
    with at(workshop["end"] + 2 * HOUR):
        second = draft_learning(namesake, editor)
    assert first.title == second.title
    assert first.slug != second.slug


def test_refused_before_the_end(workshop, editor, client):
    event = workshop["event"]
    before = InsightPage.objects.count()
    with at(workshop["end"] - HOUR), pytest.raises(LearningRefused):
        draft_learning(event, editor)

    with at(workshop["end"] - HOUR):
        client.force_login(editor)  # a session of that day
        page = client.post(f"/admin/learnings/draft/{event.pk}/")
    assert page.status_code == 200
    assert b"data-refusal" in page.content
    assert InsightPage.objects.count() == before


def test_refused_for_who_may_not_add_insights(workshop, client):
    event = workshop["event"]
    organiser = member_of(ORGANISERS, username="organisatorin")
    before = InsightPage.objects.count()
    with at(workshop["end"] + HOUR), pytest.raises(LearningRefused):
        draft_learning(event, organiser)

    with at(workshop["end"] + HOUR):
        client.force_login(organiser)
        page = client.post(f"/admin/learnings/draft/{event.pk}/")
    assert page.status_code == 403
    assert b"data-refusal" in page.content
    assert InsightPage.objects.count() == before


def test_the_action_drafts_and_opens_the_editor(workshop, editor, client):
    event = workshop["event"]
    url = f"/admin/learnings/draft/{event.pk}/"
    with at(workshop["end"] + HOUR):
        client.force_login(editor)
        edit = client.get(f"/admin/pages/{event.pk}/edit/")
        assert url in edit.content.decode()  # "Draft a learning" in the event's header
        page = client.get(url)
        assert page.status_code == 200
        assert b'<form method="post"' in page.content
        sent = client.post(url)
    learning = InsightPage.objects.get(event_links__event=event)
    assert sent.status_code == 302
    assert sent["Location"] == f"/admin/pages/{learning.pk}/edit/"


def test_drafting_again_opens_the_learning_drafted_before(workshop, editor, client):
    event = workshop["event"]
    french = translate_feedback(event)
    first = drafted(workshop, editor)
    before = InsightPage.objects.count()
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    with at(workshop["end"] + 3 * HOUR):
        client.force_login(editor)
        # From the menu entry, the form sent again (a second tab, a double click), or the
        # event's French version: the editor of the one learning, and no second one.
        for method, version in (("get", event), ("post", event), ("post", french)):
            sent = getattr(client, method)(f"/admin/learnings/draft/{version.pk}/")
            assert sent.status_code == 302
            assert sent["Location"] == f"/admin/pages/{first.pk}/edit/"
            opened = client.get(sent["Location"])
            assert opened.status_code == 200
            assert "A learning drafted from this event already exists; here it is." in (
                opened.content.decode()
            )
    assert InsightPage.objects.count() == before


def draft_moving_the_event(event, start):
    """Save a draft of `event` (not published) that moves it to `start`, two hours long."""
    draft = event.get_latest_revision_as_object()
    local = start.astimezone(zoneinfo.ZoneInfo(draft.time_zone))
    end = local + 2 * HOUR
    draft.start_date, draft.start_time = local.date(), local.time().replace(microsecond=0)
    draft.end_date = end.date() if end.date() != local.date() else None
    draft.end_time = end.time().replace(microsecond=0)
    draft.starts_at, draft.ends_at = draft.timing.starts_at(), draft.timing.ends_at()
    draft.save_revision()
    assert draft.get_latest_revision_as_object().starts_at == draft.starts_at


def test_the_draft_action_judges_the_event_as_published(workshop, editor, client):
    event = workshop["event"]
    url = f"/admin/learnings/draft/{event.pk}/"
    # Over as published; a draft moves it a month ahead: it is over until that is published.
    draft_moving_the_event(event, workshop["end"] + datetime.timedelta(days=30))
    with at(workshop["end"] + HOUR):
        client.force_login(editor)  # a session of that day
        edit = client.get(f"/admin/pages/{event.pk}/edit/")
    assert edit.status_code == 200
    assert url in edit.content.decode()

    # Not over as published; a draft moves it into the past: it is not over.
    upcoming, end = event_over()
    draft_moving_the_event(upcoming, end - datetime.timedelta(days=30))
    with at(end - HOUR):
        client.force_login(editor)
        edit = client.get(f"/admin/pages/{upcoming.pk}/edit/")
        refused = client.post(f"/admin/learnings/draft/{upcoming.pk}/")
    assert edit.status_code == 200
    assert f"/admin/learnings/draft/{upcoming.pk}/" not in edit.content.decode()
    assert b"data-refusal" in refused.content
    assert not learnings_of(upcoming)


def test_no_draft_action_on_an_event_not_over(workshop, editor, client):
    event = workshop["event"]
    with at(workshop["end"] - HOUR):
        client.force_login(editor)
        edit = client.get(f"/admin/pages/{event.pk}/edit/")
    assert edit.status_code == 200
    assert f"/admin/learnings/draft/{event.pk}/" not in edit.content.decode()
