"""The demo's registrations: what a newcomer sees in the admin after `make run`."""

import pytest

from django.core import mail
from django.utils import timezone

from campaign_site.demo import learnings
from campaign_site.demo.registrations import ensure_demo_registrations
from events.feedback.follow_up import OCCASION, send_follow_ups
from events.feedback.forms import respondent_key
from events.models import (
    EventPage,
    FeedbackAnswer,
    FeedbackResponse,
    OrganiserMessage,
    Registration,
    RegistrationMessage,
)
from events.registration.tokens import personal_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registrations(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo_registrations()


def test_people_in_three_languages_for_an_online_event_with_a_join_link(demo_registrations):
    online = EventPage.objects.get(slug="online-dialog-partnerschaften")
    assert online.format == "online" and online.online_url.startswith("https://")
    people = Registration.objects.filter(event_key=online.translation_key)
    assert {person.language for person in people} == {"de", "en", "fr"}
    # Each registered on the page in their own language.
    assert {person.page.locale.language_code for person in people} == {"de", "en", "fr"}


def test_the_emails_are_recorded_as_sent_not_sent_again(demo_registrations):
    assert mail.outbox == []
    statuses = set(RegistrationMessage.objects.values_list("status", flat=True))
    assert statuses == {"sent", "bounced"}


def test_a_message_from_the_organisers_reached_everyone_confirmed_but_one_bounced(
    demo_registrations,
):
    message = OrganiserMessage.objects.get()
    assert set(message.texts) == {"de", "en", "fr"}
    deliveries = message.deliveries.select_related("registration")
    confirmed = Registration.objects.filter(
        event_key=message.event_key, status=Registration.Status.CONFIRMED
    )
    assert {delivery.registration for delivery in deliveries} == set(confirmed)
    [bounced] = deliveries.filter(status="bounced")
    assert "550" in bounced.last_error


def everything_counted():
    return [
        model.objects.count()
        for model in (Registration, RegistrationMessage, FeedbackResponse, FeedbackAnswer)
    ]


def test_loading_the_demo_twice_registers_nobody_twice(demo_registrations):
    before = everything_counted()
    ensure_demo_registrations()
    assert everything_counted() == before


def test_the_workshop_is_full_under_balance_rules_with_a_place_on_offer(demo_registrations):
    workshop = EventPage.objects.get(slug="werkstatt-partnerschaften-praxis")
    people = Registration.objects.filter(event_key=workshop.translation_key)
    confirmed = people.filter(status=Registration.Status.CONFIRMED)
    # Full with 30 places, the private sector at its cap of 40 % and more of it waiting.
    assert people.filter(status__in=["confirmed", "offered"]).count() == 30
    assert confirmed.filter(stakeholder_group="private-sector").count() == 12
    assert people.filter(status="waiting", stakeholder_group="private-sector").exists()
    assert confirmed.filter(stakeholder_group="civil-society").count() >= 6
    [offered] = people.filter(status=Registration.Status.OFFERED)
    assert offered.expires_at > offered.offered_at
    assert offered.messages.filter(kind=RegistrationMessage.Kind.OFFER).exists()
    assert {person.language for person in people} == {"de", "en", "fr"}


def test_the_past_events_show_who_came_after_anonymisation(demo_registrations):
    for slug in (
        "side-event-ecosoc-partnership-forum-2023",
        "partnerschaftssymposium-sdg-gipfel-2023",
    ):
        event = EventPage.objects.get(slug=slug, locale__language_code="de")
        people = Registration.objects.filter(event_key=event.translation_key)
        assert people.exists() and not people.filter(anonymised_at__isnull=True).exists()
        assert (
            people.filter(attendance="attended").count()
            > people.filter(attendance="no_show").count()
            > 0
        )


@pytest.fixture
def workshop(demo_registrations):
    """The workshop that ended a few days ago, and its people."""
    event = EventPage.objects.get(slug=learnings.SLUG, locale__language_code="de")
    return event, Registration.objects.filter(event_key=event.translation_key)


def test_the_workshop_just_over_shows_who_came_in_three_languages(workshop):
    _event, people = workshop
    assert 20 <= people.count() <= 30
    assert {person.language for person in people} == {"de", "en", "fr"}
    assert {person.page.locale.language_code for person in people} == {"de", "en", "fr"}
    assert len({person.stakeholder_group for person in people}) == 6
    attended = people.filter(attendance="attended")
    assert attended.count() > 3 * people.filter(attendance="no_show").count() > 0
    # At the door and from the online participant list.
    assert set(attended.values_list("attendance_source", flat=True)) == {"door", "import"}


def test_the_follow_up_went_to_those_who_came_and_is_not_sent_again(workshop):
    _event, people = workshop
    follow_ups = RegistrationMessage.objects.filter(
        registration__in=people, kind=RegistrationMessage.Kind.FOLLOW_UP
    )
    assert {message.registration for message in follow_ups} == set(
        people.filter(attendance="attended")
    )
    assert {(message.status, message.occasion) for message in follow_ups} == {("sent", OCCASION)}
    assert all(message.sent_at < timezone.now() for message in follow_ups)
    # The periodic job finds it due, and everyone has it already.
    assert send_follow_ups() == 0
    assert mail.outbox == []


def test_feedback_in_three_languages_quoted_only_with_consent(workshop):
    event, people = workshop
    responses = FeedbackResponse.objects.filter(event_key=event.translation_key)
    assert 12 <= responses.count() <= 15
    assert {response.language for response in responses} == {"de", "en", "fr"}
    # Answered by people who came, each on the page in their language, with group and region.
    attended = {respondent_key(person) for person in people.filter(attendance="attended")}
    assert {response.respondent for response in responses} <= attended
    for response in responses:
        assert response.page.locale.language_code == response.language
        assert response.stakeholder_group and response.region
        assert response.answers.count() >= 3
    assert responses.filter(consent_to_quote=True).exists()
    assert responses.filter(consent_to_quote=False).exists()
    written = FeedbackAnswer.objects.filter(response__in=responses, kind="free_text")
    assert written.filter(response__consent_to_quote=False).exclude(text="").exists()
    quoted = written.filter(quotable=True)
    assert 2 <= quoted.count() <= 3
    assert all(answer.response.consent_to_quote and answer.text for answer in quoted)
    assert {answer.response.language for answer in quoted} == {"de", "en", "fr"}


def test_someone_who_came_and_has_not_answered_finds_the_form_in_their_language(workshop, client):
    event, people = workshop
    answered = FeedbackResponse.objects.filter(event_key=event.translation_key)
    respondents = set(answered.values_list("respondent", flat=True))
    person = next(
        person
        for person in people.filter(attendance="attended", language="fr")
        if respondent_key(person) not in respondents
    )
    page = client.get(personal_path(person.page, person, "feedback"))
    assert page.status_code == 200
    assert "Quel facteur a le plus compté dans vos partenariats" in page.content.decode()


def test_a_learning_was_drafted_from_the_workshop_and_links_back(workshop):
    from insights.models import InsightPage

    event, _people = workshop
    (learning,) = InsightPage.objects.filter(event_links__event=event)
    assert learning.insight_type == "learning" and not learning.live
    assert learning.title == f"Lernerfahrungen aus „{event.title}“"
    assert learning.teaser
    draft = learning.get_latest_revision_as_object()
    text = " ".join(str(block.value) for block in draft.body)
    quoted = FeedbackAnswer.objects.filter(response__event_key=event.translation_key, quotable=True)
    assert all(answer.text in text for answer in quoted)
    unconsented = FeedbackAnswer.objects.filter(
        response__event_key=event.translation_key, response__consent_to_quote=False
    ).exclude(text="")
    assert not any(answer.text in text for answer in unconsented)
