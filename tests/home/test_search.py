"""Site search: one language at a time, events, insights and standard pages, paginated."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.support.factories import make_event, make_insight
from tests.support.html import search_results as results

pytestmark = pytest.mark.django_db


def test_a_german_term_is_found_only_on_german_pages(client):
    german = results(client.get("/de/search/?q=Nachhaltigkeitsrat"))
    assert german and all(url.startswith("/de/") for url in german)
    assert results(client.get("/en/search/?q=Nachhaltigkeitsrat")) == []
    assert results(client.get("/fr/search/?q=Nachhaltigkeitsrat")) == []


def test_each_language_finds_its_own_words_in_events_insights_and_pages(client):
    english = results(client.get("/en/search/?q=partnerships"))
    assert english and all(url.startswith("/en/") for url in english)
    assert any(url.startswith("/en/events/") for url in english)
    assert any(url.startswith("/en/insights/") for url in english)
    imprint = results(client.get("/de/search/?q=Impressum"))
    assert "/de/impressum/" in imprint


def test_text_in_the_body_and_teaser_is_found(client):
    in_teaser = make_insight("Unauffällig", teaser="Ein Quokkaprojekt in der Nachbarschaft.")
    body = [
        {"type": "heading", "value": {"text": "Rückblick", "level": "h2", "anchor": ""}},
        {"type": "paragraph", "value": "<p>Am Ende lobten alle das Wombatgremium.</p>"},
    ]
    in_body = make_insight("Ebenso unauffällig", teaser="Ein Rückblick.", body=json.dumps(body))
    assert results(client.get("/de/search/?q=Quokkaprojekt")) == [in_teaser.url]
    assert results(client.get("/de/search/?q=Wombatgremium")) == [in_body.url]


def test_results_are_paginated(client):
    for number in range(12):
        make_insight(f"Wombatstudie {number}")
    first = client.get("/de/search/?q=Wombatstudie")
    assert len(results(first)) == 10
    html = BeautifulSoup(first.content, "html.parser")
    assert html.find(class_="result-count").get_text(strip=True).startswith("12")
    next_link = html.find("a", rel="next")["href"]
    assert "q=Wombatstudie" in next_link
    assert len(results(client.get("/de/search/" + next_link))) == 2


def test_search_page_without_a_query_shows_the_form(client):
    html = BeautifulSoup(client.get("/en/search/").content, "html.parser")
    assert html.find("input", attrs={"name": "q", "type": "search"}) is not None
    assert html.find(class_="result-count") is None
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_nothing_found_says_so(client):
    html = BeautifulSoup(client.get("/en/search/?q=Xylophonorchester").content, "html.parser")
    assert html.find(class_="empty-state") is not None


def test_every_page_links_to_the_search_of_its_language(client):
    for url, search_url in (("/de/", "/de/search/"), ("/fr/evenements/", "/fr/search/")):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        assert html.find("header").find("a", class_="site-header__search")["href"] == search_url


def test_words_in_an_event_description_are_found(client):
    found = results(client.get("/de/search/?q=Interessengruppen"))
    assert "/de/veranstaltungen/side-event-ecosoc-partnership-forum-2023/" in found


def test_each_result_shows_its_page_type_and_description(client):
    make_event("Quokkatreffen", teaser="Das Treffen der Quokkafreunde.")
    make_insight("Quokkabericht", teaser="Was die Quokkafreunde gelernt haben.")
    make_insight(
        "Quokkastudie",
        teaser="Ein Anriss über die Quokkafreunde, der hinter der Suchbeschreibung zurücksteht.",
        search_description="Die Studie der Quokkafreunde in zwei Sätzen.",
    )
    html = BeautifulSoup(client.get("/de/search/?q=Quokkafreunde").content, "html.parser")
    cards = {
        card.select_one(".card__title").get_text(strip=True): (
            card.select_one(".card__kicker").get_text(strip=True),
            card.select_one(".card__text").get_text(strip=True),
        )
        for card in html.select(".search-results .card")
    }
    assert cards == {
        "Quokkatreffen": ("Veranstaltung", "Das Treffen der Quokkafreunde."),
        "Quokkabericht": ("Erkenntnis", "Was die Quokkafreunde gelernt haben."),
        "Quokkastudie": ("Erkenntnis", "Die Studie der Quokkafreunde in zwei Sätzen."),
    }
