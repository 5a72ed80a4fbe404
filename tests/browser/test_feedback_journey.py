"""Journey: after the event, a participant who registered in French answers the feedback
form from the personal link of the follow-up email, with the keyboard alone."""

from playwright.sync_api import expect

from events.models import FeedbackResponse
from events.registration.tokens import personal_path
from home.models import Topic
from tests.support.feedback import (
    OPTIONS_FR,
    QUESTIONS_FR,
    africa,
    event_over,
    move_into_the_past,
    register,
    translate_feedback,
)

from .support import LIVE_DEMO_SITE, screenshot

pytestmark = LIVE_DEMO_SITE

WRITTEN = "Des objectifs communs fixés dès le départ, et des réunions régulières sur le terrain."


def is_focused(page, locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=40):
    """Press Tab until `locator` has the focus."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if is_focused(page, locator):
            return
    raise AssertionError(f"{locator} was not reached with {limit} presses of Tab")


def test_a_participant_answers_the_feedback_form_in_french_by_keyboard(
    new_page, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    africa()  # Kenya's region
    event, _end = event_over()
    french = translate_feedback(event)
    elise = register(
        french,
        capture,
        "elise.wanjiku@example.org",
        language="fr",
        name="Élise Wanjiku",
        stakeholder_group="civil-society",
        country="KE",
    )
    move_into_the_past(event)
    # The form offers the campaign's enabling factors, by their French names.
    trust = Topic.objects.get(slug="trust", locale__language_code="de")

    page = new_page(language="fr-FR")
    page.goto(personal_path(french, elise, "feedback"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre avis")
    groups = {kind: page.get_by_role("group", name=text) for kind, text in QUESTIONS_FR.items()}
    for kind in ("rating", "enabling_factor", "choice"):
        expect(groups[kind]).to_be_visible()
    written = page.get_by_label(QUESTIONS_FR["free_text"])
    expect(written).to_be_visible()
    for option in OPTIONS_FR:
        expect(groups["choice"].get_by_role("radio", name=option)).to_be_visible()
    send = page.get_by_role("button", name="Envoyer mon avis")

    # Sent empty: the summary says why, in French, and takes the focus.
    tab_to(page, send)
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Veuillez corriger les points suivants")
    expect(summary).to_contain_text("Veuillez répondre à au moins une question.")
    expect(summary).to_be_focused()
    assert not FeedbackResponse.objects.exists()

    # From the summary to each question in turn: arrows choose within a group.
    page.keyboard.press("Tab")
    expect(groups["rating"].get_by_role("radio", name="1")).to_be_focused()
    for _step in range(3):
        page.keyboard.press("ArrowRight")
    expect(groups["rating"].get_by_role("radio", name="4")).to_be_checked()

    page.keyboard.press("Tab")
    factors = groups["enabling_factor"].get_by_role("radio")
    expect(factors.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    chosen = groups["enabling_factor"].get_by_role("radio", name="Confiance entre partenaires")
    expect(chosen).to_be_checked()
    expect(chosen).to_be_focused()

    page.keyboard.press("Tab")
    expect(groups["choice"].get_by_role("radio", name=OPTIONS_FR[0])).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(groups["choice"].get_by_role("radio", name=OPTIONS_FR[1])).to_be_checked()

    page.keyboard.press("Tab")
    expect(written).to_be_focused()
    page.keyboard.type(WRITTEN)

    page.keyboard.press("Tab")
    consent = page.get_by_role("checkbox", name="Vous pouvez citer mes réponses écrites")
    expect(consent).to_be_focused()
    page.keyboard.press("Space")
    expect(consent).to_be_checked()

    page.keyboard.press("Tab")
    expect(send).to_be_focused()
    screenshot(page, "journey-feedback-answered-fr-desktop")
    page.keyboard.press("Space")

    expect(page.get_by_role("status")).to_contain_text("Merci pour votre avis")
    response = FeedbackResponse.objects.get()
    assert (response.language, response.stakeholder_group, response.region) == (
        "fr",
        "civil-society",
        "afrika",
    )
    assert response.consent_to_quote
    stored = {answer.kind: answer for answer in response.answers.all()}
    assert stored["rating"].rating == 4
    assert stored["enabling_factor"].factor == trust
    assert stored["choice"].option == 1
    assert stored["free_text"].text == WRITTEN

    # The link opened again says it is done, and records nothing twice.
    page.goto(personal_path(french, elise, "feedback"))
    expect(page.get_by_role("status")).to_contain_text("déjà")
    assert FeedbackResponse.objects.count() == 1
