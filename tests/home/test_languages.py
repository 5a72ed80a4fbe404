"""Language prefixes, the redirect from "/", the language switcher and hreflang alternates."""

import pytest

from django.conf import settings

from wagtail.models import Page

from events.models import EventPage
from tests.support.html import soup

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-CH, fr;q=0.9, en;q=0.8", "/fr/"),
        ("de-AT", "/de/"),
        ("ja, es;q=0.8", "/de/"),  # nothing we offer: the source language
        ("", "/de/"),
    ],
)
def test_root_redirects_to_the_visitors_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.get("Vary") and "Accept-Language" in response["Vary"]


def test_every_demo_page_is_served_in_every_language(client):
    pages = Page.objects.live().filter(depth__gte=2).select_related("locale")
    per_language = {code: 0 for code in LANGUAGE_CODES}
    for page in pages:
        url = page.get_url()
        language = page.locale.language_code
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        html = soup(response)
        assert html.html["lang"] == language
        assert html.html["dir"] == "ltr"
        assert len(html.find_all("h1")) == 1, url
        assert html.find("h1").get_text(strip=True) == page.title
        assert html.find("a", class_="skip-link")["href"] == "#main"
        assert html.find("main", id="main") is not None
        per_language[language] += 1
    # The demo site has the same pages in German, English and French.
    assert per_language["de"] >= 4
    assert len(set(per_language.values())) == 1, per_language


def test_pages_are_translated_not_copied(client):
    english = client.get("/en/")
    french = client.get("/fr/")
    assert soup(english).h1.get_text(strip=True) == "Partnerships for the 2030 Agenda"
    assert soup(french).h1.get_text(strip=True) == "Partenariats pour l'Agenda 2030"
    assert "Skip to main content" in english.text
    assert "Aller au contenu principal" in french.text
    assert "Zum Inhalt springen" in client.get("/de/").text


def test_language_switcher_points_at_the_same_page_in_other_languages(client):
    event_fr = EventPage.objects.get(
        locale__language_code="fr", occasion="ECOSOC Partnership Forum 2023"
    )
    response = client.get(event_fr.url)
    switcher = soup(response).find("nav", class_="language-switcher")
    links = {a["hreflang"]: a for a in switcher.find_all("a")}

    assert set(links) == set(LANGUAGE_CODES)
    for translation in event_fr.get_translations(inclusive=True):
        link = links[translation.locale.language_code]
        assert link["href"] == translation.url
    assert links["fr"]["aria-current"] == "true"
    assert links["de"].get_text(strip=True) == "Deutsch"
    assert links["en"].get_text(strip=True) == "English"
    assert links["fr"].get_text(strip=True) == "Français"
    assert "aria-current" not in links["de"].attrs


def test_switcher_lists_only_languages_the_page_exists_in(client):
    event_de = EventPage.objects.get(
        locale__language_code="de", occasion="ECOSOC Partnership Forum 2023"
    )
    french = event_de.get_translations().get(locale__language_code="fr")
    french.unpublish()

    response = client.get(event_de.url)
    switcher = soup(response).find("nav", class_="language-switcher")
    assert {a["hreflang"] for a in switcher.find_all("a")} == {"de", "en"}
    alternates = soup(response).find_all("link", rel="alternate", hreflang=True)
    assert {link["hreflang"] for link in alternates} == {"de", "en", "x-default"}


def test_hreflang_alternates_are_absolute_urls_of_the_translations(client):
    event_en = EventPage.objects.get(
        locale__language_code="en", occasion="ECOSOC Partnership Forum 2023"
    )
    response = client.get(event_en.url)
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup(response).find_all("link", rel="alternate", hreflang=True)
    }
    for translation in event_en.get_translations(inclusive=True):
        expected = "http://testserver" + translation.url
        assert alternates[translation.locale.language_code] == expected


def test_unknown_page_gives_a_404_in_the_visitors_language(client):
    response = client.get("/fr/cette-page-nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert soup(response).html["lang"] == "fr"


def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert soup(response).find("input", attrs={"name": "password"}) is not None


def test_an_address_without_translation_links_to_the_languages_that_exist(client):
    german_only = EventPage.objects.get(
        locale__language_code="de", occasion="ECOSOC Partnership Forum 2023"
    )
    german_only.get_translations().get(locale__language_code="fr").unpublish()
    response = client.get("/fr" + german_only.url[3:])  # the German address, French prefix
    assert response.status_code == 404
    links = {a["hreflang"]: a["href"] for a in soup(response).select("main li a")}
    assert links == {
        "de": german_only.url,
        "en": german_only.get_translations().get(locale__language_code="en").url,
    }
    assert "Cette page existe dans d'autres langues\u00a0:" in response.text
