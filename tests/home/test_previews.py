"""Previews: every page type renders in the preview panel, listings included, and the event
page previews its registration block in each state."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from events.models import EventIndexPage
from home.admin.roles import EDITORS
from tests.support.factories import make_event
from tests.support.html import text
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"home", "events", "insights"}


def page_types():
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


def test_the_project_has_the_page_types_we_preview():
    names = {model.__name__ for model in page_types()}
    assert {
        "HomePage",
        "StandardPage",
        "EventIndexPage",
        "EventPage",
        "InsightIndexPage",
        "InsightPage",
    } <= names


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model.__name__)
def test_every_page_type_renders_in_every_preview_mode(model):
    page = model.objects.filter(locale__language_code="de").live().first()
    assert page is not None, f"the demo site has no {model.__name__}"
    page.title = f"{page.title} (Vorschau)"
    for mode, _label in page.preview_modes:
        response = page.make_preview_request(preview_mode=mode)
        assert response.status_code == 200, (model.__name__, mode)
        html = BeautifulSoup(response.content, "html.parser")
        assert html.find("h1").get_text(strip=True).endswith("(Vorschau)"), (model.__name__, mode)


def registration_text(response):
    section = BeautifulSoup(response.content, "html.parser").find(id="registration")
    return section.get_text(" ", strip=True) if section else ""


def test_the_event_preview_shows_the_registration_block_in_each_state():
    event = make_event(
        "Vorschau-Forum",
        timezone.now() + datetime.timedelta(days=20),
        registration=on_site(capacity=8),
    )
    event.refresh_from_db()
    modes = dict(event.preview_modes)
    assert {"registration-open", "registration-full", "registration-closed"} <= set(modes)

    # The German page, in German: today 8 places are left (few enough to be counted).
    assert "Noch 8 Plätze frei." in registration_text(event.make_preview_request(preview_mode=""))

    full = event.make_preview_request(preview_mode="registration-full")
    assert "ausgebucht" in registration_text(full) and "Warteliste" in registration_text(full)
    assert BeautifulSoup(full.content, "html.parser").select_one("#registration form")

    closed = registration_text(event.make_preview_request(preview_mode="registration-closed"))
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen." in closed

    opened = event.make_preview_request(preview_mode="registration-open")
    assert BeautifulSoup(opened.content, "html.parser").select_one("#registration form")


def test_an_editor_previews_a_listing_page_from_the_editor(client):
    editor = get_user_model().objects.create_user("vorschau", "v@example.org", "pw-123456789")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    index = EventIndexPage.objects.get(locale__language_code="de")
    preview_url = f"/admin/pages/{index.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": index.title,
            "slug": index.slug,
            "intro": "Neue Einleitung, noch nicht veröffentlicht.",
            "comments": inline_formset([]),
        }
    )
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Neue Einleitung, noch nicht veröffentlicht." in text(response)
    assert BeautifulSoup(response.content, "html.parser").select(".card-list .card")
    index.refresh_from_db()
    assert index.intro != "Neue Einleitung, noch nicht veröffentlicht."
