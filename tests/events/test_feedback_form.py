"""The feedback form after the event: reached by the personal link of the follow-up email,
in the participant's language, once per person; the answers keep the stakeholder group and
region, never who gave them."""

import datetime

import pytest
from bs4 import BeautifulSoup

from events.feedback.forms import respondent_key
from events.models import FeedbackAnswer, FeedbackResponse, Registration
from events.registration.retention import purge
from events.registration.tokens import make_token, personal_path
from tests.support.feedback import (
    africa,
    at,
    enabling_factors,
    event_over,
    register,
    translate_feedback,
)
from tests.support.html import head_for_search_engines

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def workshop(db, django_capture_on_commit_callbacks):
    """The event is over; Élise (French, civil society, Kenya) and Ana (German) took part."""
    capture = django_capture_on_commit_callbacks
    factors = enabling_factors()
    region = africa()
    event, end = event_over()
    french = translate_feedback(event)
    elise = register(
        event,
        capture,
        "elise@example.org",
        language="fr",
        stakeholder_group="zivilgesellschaft",
        country="KE",
    )
    ana = register(event, capture, "ana@example.org", stakeholder_group="wirtschaft")
    return {
        "event": event,
        "french": french,
        "end": end,
        "elise": elise,
        "ana": ana,
        "factors": factors,
        "region": region,
    }


def link(version, registration):
    return personal_path(version, registration, "feedback")


def keys(event):
    return {block.block_type: block.id for block in event.feedback}


def answers(event, factors, **extra):
    key = keys(event)
    return {
        key["rating"]: "4",
        key["enabling_factor"]: str(factors["vertrauen"].pk),
        key["choice"]: "1",
        key["free_text"]: "Gemeinsame Ziele von Anfang an.",
        **extra,
    }


def test_the_participant_answers_in_french_and_the_answers_keep_group_and_region(workshop, client):
    french, elise = workshop["french"], workshop["elise"]
    with at(workshop["end"] + 25 * HOUR):
        page = client.get(link(french, elise))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Quel facteur de réussite a le plus compté ?" in html
        assert "Confiance" in html and "Objectifs communs" in html
        assert "Numérique" not in html  # a topic that is no enabling factor
        assert "Peut-être" in html
        sent = client.post(
            link(french, elise),
            answers(french, workshop["factors"], consent_to_quote="on"),
        )
    assert sent.status_code == 200
    assert "Merci pour votre avis" in sent.content.decode()
    response = FeedbackResponse.objects.get()
    assert (response.language, response.stakeholder_group, response.region) == (
        "fr",
        "zivilgesellschaft",
        "afrika",
    )
    assert response.consent_to_quote
    stored = {answer.kind: answer for answer in response.answers.all()}
    assert stored["rating"].rating == 4
    assert stored["choice"].option == 1
    assert stored["enabling_factor"].factor == workshop["factors"]["vertrauen"]
    assert stored["free_text"].text == "Gemeinsame Ziele von Anfang an."


def test_once_per_person(workshop, client):
    event, ana = workshop["event"], workshop["ana"]
    with at(workshop["end"] + 25 * HOUR):
        client.post(link(event, ana), answers(event, workshop["factors"]))
        again = client.post(link(event, ana), answers(event, workshop["factors"]))
        later = client.get(link(event, ana))
    assert FeedbackResponse.objects.count() == 1
    for page in (again, later):
        assert "Sie haben uns Ihr Feedback zu dieser Veranstaltung schon geschickt" in (
            page.content.decode()
        )


def test_nothing_answered_is_refused_in_the_participants_language(workshop, client):
    french, elise = workshop["french"], workshop["elise"]
    with at(workshop["end"] + 25 * HOUR):
        page = client.post(link(french, elise), {"consent_to_quote": "on"})
    assert page.status_code == 400
    assert "Veuillez répondre à au moins une question." in page.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_an_option_that_does_not_exist_is_refused(workshop, client):
    event, ana = workshop["event"], workshop["ana"]
    key = keys(event)
    with at(workshop["end"] + 25 * HOUR):
        page = client.post(link(event, ana), {key["rating"]: "9"})
    assert page.status_code == 400
    assert not FeedbackResponse.objects.exists()


def test_not_before_the_end_and_not_for_those_who_stayed_away(workshop, client):
    event, ana, elise = workshop["event"], workshop["ana"], workshop["elise"]
    with at(workshop["end"] - HOUR):
        early = client.get(link(event, ana))
    assert "Das Feedback-Formular öffnet, wenn die Veranstaltung vorbei ist." in (
        early.content.decode()
    )
    Registration.objects.filter(pk=elise.pk).update(attendance="no_show")
    with at(workshop["end"] + 25 * HOUR):
        away = client.post(link(workshop["french"], elise), answers(event, workshop["factors"]))
    assert "<form" not in away.content.decode().split("<main")[-1]
    assert not FeedbackResponse.objects.exists()


def test_a_forged_or_foreign_link_opens_nothing(workshop, client):
    event, ana = workshop["event"], workshop["ana"]
    other, _end = event_over()
    wrong_purpose = event.url + event.reverse_subpage(
        "event_feedback", args=[make_token(ana, "cancel")]
    )
    with at(workshop["end"] + 25 * HOUR):
        assert client.get(wrong_purpose).status_code == 404
        assert client.get(link(other, ana)).status_code == 404


def test_after_anonymisation_the_answers_stay_without_identity(workshop, client):
    event, ana = workshop["event"], workshop["ana"]
    with at(workshop["end"] + 25 * HOUR):
        client.post(link(event, ana), answers(event, workshop["factors"]))
    before = respondent_key(ana)
    old_link = link(event, ana)
    with at(workshop["end"] + 48 * HOUR):
        purge(0)
    ana.refresh_from_db()
    response = FeedbackResponse.objects.get()
    # The group stays; nothing leads from the answers to the anonymised registration.
    assert response.stakeholder_group == "wirtschaft"
    assert response.respondent == before != respondent_key(ana)
    assert FeedbackAnswer.objects.filter(response=response).count() == 4
    with at(workshop["end"] + 49 * HOUR):
        # The link from the follow-up email (made with the old secret) opens nothing.
        assert client.get(old_link).status_code == 404


def test_the_form_is_kept_out_of_search_engines(workshop, client):
    with at(workshop["end"] + 25 * HOUR):
        page = client.get(link(workshop["event"], workshop["ana"]))
    assert page.status_code == 200
    robots = BeautifulSoup(page.content, "html.parser").find("meta", attrs={"name": "robots"})
    assert robots is not None and robots["content"] == "noindex"
    # No canonical address: not the event page's (another page), not its own (the token).
    head = head_for_search_engines(page)
    assert head["canonical"] is None and head["og_url"] is None


def test_the_language_switcher_stays_on_the_same_form(workshop, client):
    event, french, elise = workshop["event"], workshop["french"], workshop["elise"]
    with at(workshop["end"] + 25 * HOUR):
        page = client.get(link(french, elise))
        assert page.status_code == 200
        html = BeautifulSoup(page.content, "html.parser")
        switcher = html.select_one("nav.language-switcher")
        # The event is in German and French only: no English form to switch to.
        links = {a["hreflang"]: a["href"] for a in switcher.select("a")}
        assert links == {"de": link(event, elise), "fr": link(french, elise)}
        german = client.get(links["de"])
    assert german.status_code == 200
    assert "Wie nützlich war die Veranstaltung für Ihre Partnerschaftsarbeit?" in (
        german.content.decode()
    )
