"""The search backend behind the site search, on either database.

SQLite ranks with home/search_backend.py, PostgreSQL with Wagtail's stock database backend:
both find the same pages (all the words, the visitor's language, live and public pages
only), put a page with the words in its title above one that has them only in its text,
and take any query the form lets through.
"""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Page, PageViewRestriction

from home.models.seo import all_pages
from tests.support.factories import locale, make_event, make_insight
from tests.support.html import search_results as results

pytestmark = pytest.mark.django_db


def result_count(response):
    count = BeautifulSoup(response.content, "html.parser").find(class_="result-count")
    return int(count.get_text(strip=True).split()[0]) if count else 0


def test_each_language_finds_only_its_own_pages(client):
    german = make_insight("Quokkaforum in Bonn", teaser="Das Quokkaforum tagt.")
    english = make_insight("Quokkaforum in Bonn", language="en", teaser="The forum meets.")
    make_event("Ein anderes Treffen", teaser="Ohne das gesuchte Wort.")
    assert results(client.get("/de/search/?q=Quokkaforum")) == [german.url]
    assert results(client.get("/en/search/?q=Quokkaforum")) == [english.url]
    assert results(client.get("/fr/search/?q=Quokkaforum")) == []


def test_a_title_match_ranks_above_a_match_in_the_text_only(client):
    # The word once in a longer title against three times in the text of a page with a
    # short title; the title match is also the older page (equal scores: newest first).
    in_title = make_insight("Bericht vom Wombatgipfel in Bonn", teaser="Ein Treffen in Bonn.")
    in_text = make_event(
        "Genf", teaser="Der Wombatgipfel, der Wombatgipfel und noch einmal der Wombatgipfel."
    )
    assert results(client.get("/de/search/?q=Wombatgipfel")) == [in_title.url, in_text.url]


def test_every_word_must_be_found_in_the_title_or_the_text(client):
    both = make_insight("Quokkaforum", teaser="Diesmal mit einer Wombatdelegation.")
    make_insight("Quokkaforum ohne Gäste", teaser="Nur Quokkas.")
    make_insight("Wombatdelegation", teaser="Allein unterwegs.")
    assert results(client.get("/de/search/?q=Quokkaforum+Wombatdelegation")) == [both.url]
    assert results(client.get("/de/search/?q=Wombatdelegation+Quokkaforum")) == [both.url]
    assert result_count(client.get("/de/search/?q=Quokkaforum")) == 2


@pytest.mark.parametrize(
    "query, title",
    [
        ("Größenvergleich", "Der Größenvergleich der Quokkas"),
        ("Multi-Quokka-Partnerschaft", "Eine Multi-Quokka-Partnerschaft"),
        ("Quokkaland 2030", "Quokkaland 2030"),
        ("Wombatstiftung Quokkaland", "Die Wombatstiftung in Quokkaland"),
    ],
)
def test_umlauts_hyphens_and_numbers_are_found(client, query, title):
    page = make_insight(title)
    assert page.url in results(client.get("/de/search/", {"q": query}))


@pytest.mark.parametrize(
    "query",
    [
        "Quokka's",
        "l'équipe",
        "'",
        "''",
        "*",
        "Quokka*",
        "*Quokka",
        "-",
        "-Quokka",
        "Quokka -Wombat",
        ":",
        "title:Quokka",
        "{title}: Quokka",
        "Quokka:",
        "Quokka AND",
        "OR Quokka",
        "NOT Quokka",
        "NEAR(Quokka Wombat)",
        "(Quokka",
        "Quokka)",
        "^Quokka",
        "Quokka + Wombat",
        "a\\b",
        "50%",
        "Straße & Weg",
        "Ökologie; DROP TABLE wagtailcore_page; --",
        "„Quokka“",
        "« Quokka »",
        "Quokka’s",
        "!?#@$&",
    ],
)
def test_any_query_the_form_lets_through_answers(client, query):
    make_insight("Quokka's Wombat-Garten", teaser="Ökologie in der Straße.")
    response = client.get("/de/search/", {"q": query})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find(class_="result-count")


def test_drafts_restricted_pages_and_other_languages_are_not_found(client):
    found = make_insight("Quokkarat öffentlich")
    make_insight("Quokkarat Entwurf", live=False)
    restricted = make_insight("Quokkarat geschützt")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    make_insight("Quokkarat in English", language="en")
    response = client.get("/de/search/?q=Quokkarat")
    assert results(response) == [found.url]
    assert result_count(response) == 1


def test_pages_of_results_list_every_page_once(client):
    pages = {make_insight(f"Quokkastudie {number}").url for number in range(13)}
    first = results(client.get("/de/search/?q=Quokkastudie"))
    second = results(client.get("/de/search/?q=Quokkastudie&page=2"))
    assert len(first) == 10
    assert set(first) | set(second) == pages
    assert len(first) + len(second) == len(pages)


def test_searches_without_relevance_order_or_with_scores_find_the_same_pages():
    titles = ["Quokkafest", "Quokkafest im Garten", "Das Quokkafest im Garten der Wombats"]
    expected = {make_insight(title).pk for title in titles}
    pages = all_pages().live().filter(locale=locale("de"))
    unordered = pages.search("Quokkafest", operator="and", order_by_relevance=False)
    assert {page.pk for page in unordered} == expected
    scored = list(Page.objects.live().search("Quokkafest").annotate_score("score"))
    assert {page.pk for page in scored} == expected
    assert all(isinstance(page.score, float) for page in scored)
