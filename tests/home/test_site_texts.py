"""Site texts: the name, tagline, default description and registration note, per language."""

import pytest

from django.contrib.auth import get_user_model

from home.models import SiteTexts
from tests.support.html import soup

pytestmark = pytest.mark.django_db


def test_header_and_sharing_use_the_site_texts_of_the_language(client):
    english = soup(client.get("/en/events/"))
    assert english.select_one(".site-header__tagline").get_text() == (
        "Partnerships for the 2030 Agenda"
    )
    assert english.title.get_text().endswith(" · Partnerschaften2030")
    french = soup(client.get("/fr/"))
    assert french.select_one(".site-header__tagline").get_text() == (
        "Partenariats pour l'Agenda 2030"
    )
    assert french.find("meta", property="og:site_name")["content"] == "Partnerschaften2030"


def test_a_page_without_a_description_falls_back_to_the_default_one(client):
    page = soup(client.get("/fr/search/"))
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(
        "Une campagne sur les partenariats multipartites"
    )


def test_changing_the_english_tagline_leaves_german_alone(client):
    english = SiteTexts.objects.get(locale__language_code="en")
    english.tagline = "Partnering for the SDGs"
    english.save()
    assert soup(client.get("/en/")).select_one(".site-header__tagline").get_text() == (
        "Partnering for the SDGs"
    )
    assert soup(client.get("/de/")).select_one(".site-header__tagline").get_text() == (
        "Partnerschaften für die Agenda 2030"
    )


def test_the_registration_note_is_shown_under_the_form(client):
    page = soup(client.get("/en/events/online-dialogue-partnerships/"))
    note = page.select_one(".registration__data-notice")
    assert "anonymise them 90 days after it" in note.get_text()


def test_without_site_texts_the_site_still_has_a_name(client):
    SiteTexts.objects.all().delete()
    page = soup(client.get("/de/"))
    assert page.select_one(".site-header__name").get_text() == "Partnerschaften2030"
    assert page.find("meta", property="og:site_name")["content"] == "Partnerschaften2030"


def test_a_second_set_of_site_texts_for_a_language_is_refused_with_a_reason(client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456789")
    client.force_login(admin)
    response = client.post(
        "/admin/snippets/home/sitetexts/add/?locale=de",
        {"site_name": "Zweiter Name", "tagline": "", "default_description": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "This language already has its site texts" in response.content.decode()
    assert SiteTexts.objects.filter(locale__language_code="de").count() == 1
