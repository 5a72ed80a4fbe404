"""The study shows its evidence: how many events, participants and stakeholder groups the
campaign drew on, how many answered the feedback and which enabling factors they named most
often, counted live, so the figures change as events with feedback are added."""

import datetime

import pytest

from django.test import RequestFactory
from django.utils import timezone, translation

from events.models import FeedbackAnswer, FeedbackResponse, Registration
from events.registration.attendance import check_in, mark_remaining_no_shows
from events.registration.setup import EVIDENCE_VERSION_KEY
from events.reports.evidence import campaign_evidence, participation
from events.reports.figures import event_figures
from home.models import StakeholderGroup
from insights.models import InsightPage
from tests.support.factories import locale, make_insight
from tests.support.feedback import at, enabling_factors, event_over, register
from tests.support.html import soup
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
STUDY_URL = "/en/insights/study/"


def study():
    return InsightPage.objects.get(locale__language_code="en", slug="study")


def show_evidence(page):
    """The evidence block at the end of the page's body, published (the demo's study has
    it already)."""
    if any(block.block_type == "evidence" for block in page.body):
        return page
    page.body = [
        *page.body.raw_data,
        {"type": "evidence", "value": {"heading": "", "intro": "What the study draws on."}},
    ]
    page.save_revision().publish()
    return page


def figures_on(client):
    page = client.get(STUDY_URL)
    assert page.status_code == 200
    shown = soup(page).select_one(".block-evidence")
    # Before the first event with participants the block says so, without figures.
    numbers = dict.fromkeys(["events", "participants", "stakeholder-groups", "responses"], 0)
    numbers.update(
        (item["data-figure"], int(item.select_one(".key-figure__value").get_text()))
        for item in shown.select("[data-figure]")
    )
    factors = [item.get_text(" ", strip=True) for item in shown.select("[data-factor]")]
    return numbers, factors


def feedback(event, registration, factor=None):
    """One response (as the form records it), naming `factor` if given."""
    response = FeedbackResponse.objects.create(
        event_key=event.translation_key,
        page=event,
        respondent=f"respondent-{registration.pk}",
        language="de",
        stakeholder_group=registration.stakeholder_group,
    )
    if factor is not None:
        FeedbackAnswer.objects.create(
            response=response, question="factor", kind="enabling_factor", factor=factor
        )
    return response


@pytest.fixture
def later():
    """A moment after the end of the events the tests add (ten days ahead, two hours long)."""
    return timezone.now() + datetime.timedelta(days=11)


def workshop(capture, people, capacity=5):
    """An event over (at `later`) with `people` registered: [(email, group slug)]."""
    event, _end = event_over(registration=on_site(capacity=capacity))
    registrations = [
        register(event, capture, email, stakeholder_group=group) for email, group in people
    ]
    return event, registrations


def test_the_block_shows_the_campaigns_figures(client, django_capture_on_commit_callbacks, later):
    factors = enabling_factors()
    event, registrations = workshop(
        django_capture_on_commit_callbacks,
        [("ana@example.org", "civil-society"), ("bo@example.org", "government")],
    )
    show_evidence(study())
    with at(later):
        feedback(event, registrations[0], factors["vertrauen"])
        numbers, named = figures_on(client)
        with translation.override("en"):
            evidence = campaign_evidence()
    assert evidence.events >= 1 and evidence.responses >= 1
    assert numbers == {
        "events": evidence.events,
        "participants": evidence.participants,
        "stakeholder-groups": evidence.stakeholder_groups,
        "responses": evidence.responses,
    }
    assert len(named) == len(evidence.factors)
    assert named[0].startswith(evidence.factors[0][0])


def test_the_studys_figures_change_when_an_event_with_feedback_is_added(
    client, django_capture_on_commit_callbacks, later
):
    show_evidence(study())
    with at(later):
        before, _factors = figures_on(client)

    factors = enabling_factors()
    event, registrations = workshop(
        django_capture_on_commit_callbacks,
        [("ana@example.org", "civil-society"), ("bo@example.org", "government")],
    )
    with at(later):
        over, _factors = figures_on(client)
        # The feedback shows on the kept page at once, without anything being published.
        for registration in registrations:
            feedback(event, registration, factors["vertrauen"])
        after, named = figures_on(client)

    assert over["events"] == before["events"] + 1
    assert over["participants"] == before["participants"] + 2
    assert over["responses"] == before["responses"]
    assert after["responses"] == before["responses"] + 2
    assert named[0].startswith(("Trust", "Vertrauen"))


def test_participants_are_who_came_where_attendance_was_recorded(
    django_capture_on_commit_callbacks, later
):
    # A group no event had before.
    StakeholderGroup.objects.create(locale=locale("de"), name="Kommunen", slug="municipalities")
    with at(later):
        before = campaign_evidence()
    event, (came, _stayed_away, _also_away) = workshop(
        django_capture_on_commit_callbacks,
        [
            ("ana@example.org", "civil-society"),
            ("bo@example.org", "municipalities"),
            ("cy@example.org", "civil-society"),
        ],
    )
    with at(later):
        confirmed = campaign_evidence()
    # No attendance recorded: those confirmed took part, the new group among them.
    assert confirmed.participants == before.participants + 3
    assert confirmed.stakeholder_groups >= before.stakeholder_groups + 1

    Registration.objects.filter(pk=came.pk).update(attendance=Registration.Attendance.ATTENDED)
    Registration.objects.exclude(pk=came.pk).filter(event_key=event.translation_key).update(
        attendance=Registration.Attendance.NO_SHOW
    )
    with at(later):
        recorded = campaign_evidence()
    assert recorded.participants == before.participants + 1
    # Nobody from the municipalities came: the group is no longer among the participants.
    assert recorded.stakeholder_groups == confirmed.stakeholder_groups - 1
    assert participation(event_figures(event)) == (1, {"civil-society"})


def test_events_not_over_or_without_participants_do_not_count(
    django_capture_on_commit_callbacks, later
):
    now_before = campaign_evidence()
    with at(later):
        before = campaign_evidence()
    workshop(django_capture_on_commit_callbacks, [("ana@example.org", "civil-society")])
    event_over()  # nobody registers
    assert campaign_evidence() == now_before  # neither is over yet
    with at(later):
        after = campaign_evidence()
    assert after.events == before.events + 1
    assert after.participants == before.participants + 1


def test_the_enabling_factors_are_ranked_by_how_often_they_were_named(
    django_capture_on_commit_callbacks, later
):
    factors = enabling_factors()
    event, registrations = workshop(
        django_capture_on_commit_callbacks,
        [(f"person{number}@example.org", "civil-society") for number in range(5)],
    )
    named = ["gemeinsame-ziele", "vertrauen", "vertrauen", "gemeinsame-ziele", "vertrauen"]
    with at(later):
        for registration, slug in zip(registrations, named, strict=True):
            feedback(event, registration, factors[slug])
        with translation.override("de"):
            evidence = campaign_evidence()
    assert evidence.factors[:2] == [("Vertrauen", 3), ("Gemeinsame Ziele", 2)]
    assert len(evidence.factors) <= 5


def test_a_kept_study_page_shows_attendance_at_once(
    client, django_capture_on_commit_callbacks, later
):
    capture = django_capture_on_commit_callbacks
    request = RequestFactory().get(STUDY_URL)
    # An insight without the block follows content only; the study (with it) its figures.
    assert make_insight("Ohne Zahlen").page_cache_policy(request) == ((), None)
    assert study().page_cache_policy(request)[0] == (EVIDENCE_VERSION_KEY,)
    event, (ana, bo) = workshop(
        capture, [("ana@example.org", "civil-society"), ("bo@example.org", "government")]
    )
    with at(later):
        confirmed, _factors = figures_on(client)
        # Recorded at the door and by the desk (updates without signals), nothing published:
        # the kept page follows the evidence's own version.
        with capture(execute=True):
            check_in(ana)
            mark_remaining_no_shows(event)
        recorded, _factors = figures_on(client)
    assert recorded["participants"] == confirmed["participants"] - 1


def test_the_overview_shows_the_evidence_while_ticked_and_follows_attendance(
    client, django_capture_on_commit_callbacks, later
):
    from home.models import HomePage

    capture = django_capture_on_commit_callbacks
    event, (ana, _bo) = workshop(
        capture, [("ana@example.org", "civil-society"), ("bo@example.org", "government")]
    )

    def participants():
        page = client.get("/en/")
        shown = soup(page).select_one(".highlights--evidence [data-figure=participants]")
        return None if shown is None else int(shown.select_one(".key-figure__value").get_text())

    with at(later):
        confirmed = participants()
        with capture(execute=True):
            check_in(ana)
            mark_remaining_no_shows(event)
        recorded = participants()
    assert recorded == confirmed - 1

    for overview in HomePage.objects.all():
        overview.show_evidence = False
        overview.save_revision().publish()
    with at(later):
        assert participants() is None


def test_a_registration_for_an_event_ahead_leaves_the_kept_figures_kept(
    client, django_capture_on_commit_callbacks
):
    # The figures count events that have ended: a burst of registrations for the next one
    # leaves the study (and the overview) kept for visitors until that event ends.
    capture = django_capture_on_commit_callbacks
    show_evidence(study())
    event, _end = event_over(registration=on_site(capacity=5))
    for url in (STUDY_URL, "/en/"):
        client.get(url)
    register(event, capture, "ana@example.org", stakeholder_group="civil-society")
    for url in (STUDY_URL, "/en/"):
        assert client.get(url)["X-Page-Cache"] == "hit", url
