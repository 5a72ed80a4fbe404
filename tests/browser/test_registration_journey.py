"""Journeys: a visitor registers for an event, with the mouse and with the keyboard alone."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from events.models import Registration

from .support import LIVE_DEMO_SITE, screenshot

pytestmark = LIVE_DEMO_SITE

EVENT_TITLE = {
    "en": "Online dialogue: what makes partnerships succeed",
    "fr": "Dialogue en ligne : ce qui fait réussir les partenariats",
}


def cancel_path(email):
    """The path of the personal cancellation link in a registration email."""
    url = re.search(r"https?://\S+/cancel/\S+/", email.body).group(0)
    return urlsplit(url).path


def confirm_path(email):
    """The path of the link that confirms the address, in the first email after registering."""
    url = re.search(r"https?://\S+/confirm/\S+/", email.body).group(0)
    return urlsplit(url).path


def status_path(email):
    """The path of the personal status link in a registration email."""
    url = re.search(r"https?://\S+/registration/\S+/", email.body).group(0)
    return urlsplit(url).path


def test_visitor_registers_and_cancels(new_page, mailoutbox):
    page = new_page(language="en-GB")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    upcoming = page.get_by_role("region", name="Upcoming events")
    upcoming.get_by_role("link", name=EVENT_TITLE["en"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE["en"])
    registration = page.get_by_role("region", name="Registration")
    expect(registration).to_contain_text("Places are available.")
    registration.get_by_label("Name").fill("Amina Diallo")
    registration.get_by_label("Email").fill("amina.diallo@example")
    registration.get_by_label("Organisation").fill("Youth Forum")
    registration.get_by_role("radio", name="Français").check()
    registration.get_by_role("checkbox", name=re.compile("I agree to the privacy policy")).check()
    registration.get_by_role("button", name="Register").click()

    # The error is announced (an alert that takes the focus) and tied to the field; nothing
    # the visitor typed is lost.
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Email: Enter a valid email address.")
    expect(summary).to_be_focused()
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Enter a valid email address"))
    expect(email).to_have_value("amina.diallo@example")
    expect(page.get_by_label("Name")).to_have_value("Amina Diallo")
    expect(page.get_by_label("Organisation")).to_have_value("Youth Forum")
    expect(page.get_by_role("radio", name="Français")).to_be_checked()
    screenshot(page, "journey-registration-error-desktop")

    email.fill("amina.diallo@example.org")
    page.get_by_role("button", name="Register").click()
    # The same answer whether or not the address was registered before: the email tells.
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("status")).to_have_text("Please check your inbox.")

    # The address is confirmed first, with the button behind the emailed link.
    assert len(mailoutbox) == 1
    page.goto(confirm_path(mailoutbox[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your registration")
    page.get_by_role("button", name="Yes, confirm my registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    expect(page.get_by_role("status")).to_have_text("Your place is confirmed.")
    assert len(mailoutbox) == 2
    confirmation = mailoutbox[1]
    page.goto(status_path(confirmation))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    expect(page.get_by_role("status")).to_have_text("Your place is confirmed.")
    screenshot(page, "journey-registration-confirmed-desktop")
    assert confirmation.to == ["amina.diallo@example.org"]
    assert EVENT_TITLE["en"] in confirmation.subject
    registered = Registration.objects.get(email="amina.diallo@example.org")
    assert registered.status == Registration.Status.CONFIRMED
    assert list(registered.answers.values()) == [2]  # "Français", the third option

    page.goto(cancel_path(confirmation))
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.get_by_role("status")).to_contain_text("Your registration has been cancelled.")
    registered.refresh_from_db()
    assert registered.status == Registration.Status.CANCELLED

    page.get_by_role("link", name="Back to the event").click()
    expect(page.get_by_role("region", name="Registration")).to_contain_text("Places are available.")


def focus_by_tab(page, locator, limit=80):
    """Press Tab until `locator` has the focus; the ids of the elements passed on the way."""
    passed = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return passed
        passed.append(page.evaluate("document.activeElement.id"))
    raise AssertionError(f"{locator} was not reached with {limit} presses of Tab")


def test_registration_with_the_keyboard_alone(new_page, mailoutbox):
    page = new_page(language="fr-FR")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))

    # From the top of the overview to the event, by keyboard.
    event_link = page.get_by_role("link", name=EVENT_TITLE["fr"])
    focus_by_tab(page, event_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE["fr"])

    # The skip link comes first and leads to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu principal")).to_be_focused()

    name = page.get_by_label("Nom", exact=False).first
    focus_by_tab(page, page.locator("#id_name"))
    page.keyboard.type("Jean Dupont")
    page.keyboard.press("Tab")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.type("jean.dupont")
    # Through every field in order to the consent checkbox, never into the hidden trap field.
    consent = page.locator("#id_consent")
    passed = focus_by_tab(page, consent, limit=25)
    assert passed[:10] == [
        "id_organisation",
        "id_stakeholder_group",
        "id_country",
        # Each access need is a checkbox of its own, then the needs in the person's words.
        *[f"id_needs_{index}" for index in range(5)],
        "id_accessibility_needs",
        "id_preferred_language",
    ]
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    passed = focus_by_tab(page, page.get_by_role("button", name="S'inscrire"), limit=5)
    assert "id_website" not in passed  # the hidden trap field for bots
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(name).to_have_value("Jean Dupont")
    # From the summary, the error's link takes the keyboard to the field.
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link")).to_be_focused()
    page.keyboard.press("Enter")
    email = page.locator("#id_email")
    expect(email).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("jean.dupont@example.org")
    focus_by_tab(page, page.get_by_role("button", name="S'inscrire"), limit=20)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Veuillez consulter votre boîte de réception.")
    assert [message.to for message in mailoutbox] == [["jean.dupont@example.org"]]
    # Confirming the address is one button, reached and pressed with the keyboard.
    page.goto(confirm_path(mailoutbox[0]))
    focus_by_tab(page, page.locator("main form[method=post] button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Votre place est confirmée.")
    assert [message.to for message in mailoutbox] == [["jean.dupont@example.org"]] * 2
    focus_by_tab(page, page.get_by_role("link", name="Annuler mon inscription"))
    page.keyboard.press("Enter")
    focus_by_tab(page, page.get_by_role("button", name="Oui, annuler mon inscription"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Votre inscription a été annulée.")
    assert (
        Registration.objects.get(email="jean.dupont@example.org").status
        == Registration.Status.CANCELLED
    )
