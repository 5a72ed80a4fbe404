"""Main menu and footer: edited by staff per language, rendered from one place."""

import pytest

from home.models import Footer, MainMenu, MainMenuItem, StandardPage
from tests.support.html import soup

pytestmark = pytest.mark.django_db


def menu_links(response):
    nav = soup(response).find("nav", class_="site-nav")
    return [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]


def test_main_menu_in_each_language_links_the_translated_pages(client):
    assert menu_links(client.get("/de/")) == [
        ("Veranstaltungen", "/de/veranstaltungen/"),
        ("Erkenntnisse", "/de/erkenntnisse/"),
        ("Über die Kampagne", "/de/ueber-die-kampagne/"),
        ("Kontakt", "/de/kontakt/"),
    ]
    assert menu_links(client.get("/fr/")) == [
        ("Événements", "/fr/evenements/"),
        ("Enseignements", "/fr/enseignements/"),
        ("À propos de la campagne", "/fr/a-propos/"),
        ("Contact", "/fr/contact/"),
    ]


def test_current_section_is_marked(client):
    nav = soup(client.get("/en/events/")).find("nav", class_="site-nav")
    assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Events"
    nav = soup(client.get("/en/events/side-event-ecosoc-partnership-forum-2023/")).find(
        "nav", class_="site-nav"
    )
    assert nav.find("a", attrs={"aria-current": "true"}).get_text(strip=True) == "Events"


def test_a_label_edited_in_one_language_changes_only_that_language(client):
    menu = MainMenu.objects.get(locale__language_code="en")
    item = menu.items.first()
    item.label = "What's on"
    item.save()
    assert menu_links(client.get("/en/"))[0] == ("What's on", "/en/events/")
    assert menu_links(client.get("/de/"))[0] == ("Veranstaltungen", "/de/veranstaltungen/")


def test_an_unpublished_page_drops_out_of_the_menu(client):
    StandardPage.objects.get(slug="contact", locale__language_code="en").unpublish()
    labels = [label for label, _href in menu_links(client.get("/en/"))]
    assert "Contact" not in labels
    assert "Kontakt" in [label for label, _href in menu_links(client.get("/de/"))]


def test_footer_has_text_links_and_organisers_in_the_language(client):
    footer = soup(client.get("/fr/")).find("footer")
    assert "Une campagne de Partnerschaften2030" in footer.get_text()
    links = [a.get_text(strip=True) for a in footer.select(".site-footer__links a")]
    assert links == ["Contact", "Mentions légales", "Protection des données", "Accessibilité"]
    organisers = footer.select(".organiser-list li")
    assert len(organisers) == 4


def test_external_menu_link_needs_a_label_and_only_one_target():
    from django.core.exceptions import ValidationError

    item = MainMenuItem(link_url="https://example.org")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "label" in error.value.message_dict
    item = MainMenuItem()
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "link_page" in error.value.message_dict


def test_footer_snippet_is_one_per_language():
    assert Footer.objects.count() == 3
    assert MainMenu.objects.count() == 3
