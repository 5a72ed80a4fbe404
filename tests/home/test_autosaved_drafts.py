"""Drafts left behind by autosave: the editor is told when autosave created the page, a
taken address is explained at the top of the form, and a never-published draft can be
discarded from its editor."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.admin.roles import EDITORS
from home.models import HomePage, StandardPage
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

TITLE = "Fachgespräch vor Ort"


@pytest.fixture
def editor(client):
    user = member_of(EDITORS, username="redakteurin")
    client.force_login(user)
    return user


def home():
    return HomePage.objects.get(locale__language_code="de")


def form_data(title, slug, **actions):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            **actions,
        }
    )


def add_url():
    return f"/admin/pages/add/home/standardpage/{home().pk}/"


def autosave(client):
    """What the editor's browser sends a moment after someone types into a new page's form."""
    response = client.post(
        add_url(), form_data(TITLE, "fachgespraech-vor-ort"), headers={"accept": "application/json"}
    )
    assert response.json()["success"]
    return StandardPage.objects.get(pk=response.json()["pk"])


def test_autosave_creates_a_draft_and_the_editor_is_told_so(client, editor):
    draft = autosave(client)
    assert not draft.live
    # The browser then swaps the form for the editor of the new page, and shows what comes
    # with it (in <template> elements it moves into place).
    partial = client.get(f"/admin/pages/{draft.pk}/edit/?_w_hydrate_create_view=1").text
    message = partial[partial.index("data-autosaved-draft") :]
    message = message[: message.index("</li>")]
    assert f"Automatisch gespeichert: „{TITLE}“ gibt es jetzt als Entwurf" in message
    assert f'href="/admin/pages/{draft.pk}/delete/?next=' in message
    assert "Entwurf verwerfen</a>" in message


def test_a_taken_address_is_explained_at_the_top_of_the_form(client, editor):
    draft = autosave(client)
    response = client.post(add_url(), form_data(TITLE, "fachgespraech-vor-ort"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".messages").text
    assert "„fachgespraech-vor-ort“ gehört schon zu „Fachgespräch vor Ort“" in summary
    assert "nie veröffentlichten Entwurf" in summary
    assert "Reiter „Veröffentlichung“" in summary
    assert StandardPage.objects.filter(slug="fachgespraech-vor-ort").get() == draft


def test_a_never_published_draft_can_be_discarded_from_its_editor(client, editor):
    draft = autosave(client)
    editor_page = BeautifulSoup(client.get(f"/admin/pages/{draft.pk}/edit/").content, "html.parser")
    [discard] = [
        link for link in editor_page.select("a") if link.get_text(strip=True) == "Entwurf verwerfen"
    ]
    confirm = client.get(discard["href"])
    assert confirm.status_code == 200
    client.post(discard["href"])
    assert not StandardPage.objects.filter(pk=draft.pk).exists()


def test_a_published_page_offers_no_discarding(client, editor):
    page = StandardPage(title="Schon online", slug="schon-online")
    home().add_child(instance=page)
    page.save_revision().publish()
    editor_page = client.get(f"/admin/pages/{page.pk}/edit/").text
    assert "Entwurf verwerfen" not in editor_page


def offers_discarding(client, page):
    """Whether the editor's action menu, and the autosave message, offer "Discard draft"."""
    editor_page = client.get(f"/admin/pages/{page.pk}/edit/").text
    partial = client.get(f"/admin/pages/{page.pk}/edit/?_w_hydrate_create_view=1").text
    return "Entwurf verwerfen" in editor_page, "Entwurf verwerfen</a>" in partial


def test_the_editors_own_fresh_draft_offers_discarding(client, editor):
    assert offers_discarding(client, autosave(client)) == (True, True)


def test_a_draft_with_a_french_translation_offers_no_discarding(client, editor):
    draft = autosave(client)
    draft.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    assert offers_discarding(client, draft) == (False, False)


def test_a_draft_with_a_subpage_offers_no_discarding(admin_client):
    # The administrator may delete a page with its subpages; not as a mere draft, though.
    draft = autosave(admin_client)
    draft.add_child(
        instance=StandardPage(title="Unterseite", slug="unterseite", live=False, owner=draft.owner)
    )
    assert offers_discarding(admin_client, draft) == (False, False)


def test_a_draft_in_review_offers_no_discarding(client, editor):
    draft = autosave(client)
    draft.get_workflow().start(draft, editor)
    assert offers_discarding(client, draft) == (False, False)


def test_a_colleagues_draft_offers_no_discarding(client, editor):
    draft = autosave(client)
    # The administrator may delete any page, but this draft is not theirs to discard.
    client.force_login(get_user_model().objects.get(username="admin"))
    assert offers_discarding(client, draft) == (False, False)
