"""Framing: the editor's preview panel (and the checks panel, which reads the page from that
frame) may show a preview inside the admin; public pages can be framed by nobody.

Wagtail renders a preview by sending the page through the middleware a second time, as a
request for its public URL; that inner pass must not leave `frame-ancestors 'none'` behind.
"""

import pytest
from bs4 import BeautifulSoup

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.admin.roles import EDITORS
from home.models import StandardPage
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    return {
        name: sources
        for name, *sources in (
            part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()
        )
    }


@pytest.fixture
def editor_client(client):
    client.force_login(member_of(EDITORS, username="vorschau-redaktion"))
    return client


def preview_form(page, paragraph):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([("paragraph", rich_text(f"<p>{paragraph}</p>"))]),
            "comments": inline_formset([]),
        }
    )


def test_the_preview_panel_may_frame_a_page_preview_and_the_public_page_stays_unframeable(
    editor_client,
):
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = editor_client.post(preview_url, preview_form(page, "Ein Absatz nur in der Vorschau."))
    assert posted.json() == {"is_valid": True, "is_available": True}

    # What the preview panel's frame (and the checks panel) loads.
    preview = editor_client.get(f"{preview_url}?in_preview_panel=true&mode=")
    assert preview.status_code == 200
    assert "Ein Absatz nur in der Vorschau." in BeautifulSoup(preview.content, "html.parser").text
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    csp = policy(preview)
    assert csp["frame-ancestors"] == ["'self'"]
    assert list(csp).count("frame-ancestors") == 1
    # Otherwise the preview keeps the public page's policy: what visitors will get.
    assert csp["script-src"] == ["'self'", "'unsafe-eval'"]  # + the userbar's checker
    assert csp["style-src"] == ["'self'"]

    # The same page as visitors get it: nobody may frame it.
    public = editor_client.get(page.url)
    assert public.status_code == 200
    assert policy(public)["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"
    anonymous = editor_client.__class__().get(page.url)
    assert policy(anonymous)["frame-ancestors"] == ["'none'"]
    assert anonymous["X-Frame-Options"] == "DENY"


def test_a_new_page_is_previewed_in_a_frame_too(editor_client):
    parent = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    preview_url = f"/admin/pages/add/home/standardpage/{parent.pk}/preview/"
    new = StandardPage(title="Neue Seite in Arbeit", slug="neue-seite-in-arbeit", intro="")
    posted = editor_client.post(preview_url, preview_form(new, "Noch nicht gespeichert."))
    assert posted.json()["is_valid"]
    preview = editor_client.get(f"{preview_url}?in_preview_panel=true")
    assert "Noch nicht gespeichert." in BeautifulSoup(preview.content, "html.parser").text
    assert policy(preview)["frame-ancestors"] == ["'self'"]


def test_the_admin_itself_stays_unframeable(editor_client):
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    edit = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert policy(edit)["frame-ancestors"] == ["'none'"]
    assert edit["X-Frame-Options"] == "DENY"
