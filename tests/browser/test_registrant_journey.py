"""Journey: a registrant confirms their address, opens their personal page from the
confirmation email and finds how to join; a visitor on the public event page does not see
the join link."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from events.models import EventPage
from events.registration.services import register_for_event

from .support import LIVE_DEMO_SITE, screenshot

pytestmark = LIVE_DEMO_SITE

SLUG = "dialogue-en-ligne-partenariats"
JOIN_LINK = "https://meet.example.org/partnerschaften2030/online-dialog"


def status_path(email):
    """The path of the personal status link in a registration email."""
    return urlsplit(re.search(r"https?://\S+/registration/\S+/", email.body).group(0)).path


def test_the_registrant_finds_the_join_link_on_their_personal_page(new_page, mailoutbox):
    event = EventPage.objects.get(locale__language_code="fr", slug=SLUG)

    visitor = new_page(language="fr-FR")
    visitor.goto(event.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(visitor.locator(".event-facts")).to_contain_text(
        "Le lien pour participer est envoyé aux personnes inscrites."
    )
    expect(visitor.locator(f'a[href="{JOIN_LINK}"]')).to_have_count(0)
    assert JOIN_LINK not in visitor.content()
    assert "842 2030 1717" not in visitor.content()

    register_for_event(event, language="fr", name="Awa Diop", email="awa.diop@example.org")
    [asking] = mailoutbox
    assert JOIN_LINK not in asking.body  # not before the address is confirmed

    registrant = new_page(language="fr-FR")
    registrant.goto(urlsplit(re.search(r"https?://\S+/confirm/\S+/", asking.body).group(0)).path)
    registrant.locator("main form[method=post] button[type=submit]").click()
    expect(registrant.get_by_role("heading", level=1)).to_have_text("Votre inscription")
    [_asking, confirmation] = mailoutbox
    assert JOIN_LINK in confirmation.body
    registrant.goto(status_path(confirmation))
    expect(registrant.get_by_role("heading", level=1)).to_have_text("Votre inscription")
    joining = registrant.get_by_role("region", name="Comment participer")
    expect(joining.get_by_role("link", name=JOIN_LINK)).to_have_attribute("href", JOIN_LINK)
    expect(joining).to_contain_text("Meeting ID 842 2030 1717")
    screenshot(registrant, "journey-registrant-joining-details-desktop")

    # The link on the personal page is not reachable from the public page.
    registrant.get_by_role("link", name=event.title).first.click()
    expect(registrant.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(registrant.locator(f'a[href="{JOIN_LINK}"]')).to_have_count(0)
