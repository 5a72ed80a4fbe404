"""Every page below the overview names its trail from the overview as a BreadcrumbList."""

import pytest

from wagtail.models import Page

from insights.models import InsightPage
from tests.support.factories import make_event
from tests.support.structured_data import LIST_ITEM_REQUIRED, missing, of_type

pytestmark = pytest.mark.django_db


def breadcrumbs(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return of_type(response, "BreadcrumbList")


def test_the_study_names_its_trail_in_its_language(client):
    study = InsightPage.objects.get(locale__language_code="fr", slug="etude")
    [trail] = breadcrumbs(client, study)
    items = trail["itemListElement"]
    assert [item["@type"] for item in items] == ["ListItem"] * 3
    assert [missing(item, LIST_ITEM_REQUIRED) for item in items] == [[], [], []]
    assert [item["position"] for item in items] == [1, 2, 3]
    index = study.get_parent()
    home = index.get_parent()
    assert [item["name"] for item in items] == [home.title, index.title, study.title]
    # The canonical addresses, as the head names them.
    assert [item["item"] for item in items] == [
        home.get_full_url(),
        index.get_full_url(),
        study.get_full_url(),
    ]
    assert items[-1]["item"].endswith("/fr/enseignements/etude/")


def test_every_page_below_the_overview_has_one_trail_ending_with_itself(client):
    for page in Page.objects.live().filter(depth__gt=2, locale__language_code="en").specific():
        [trail] = breadcrumbs(client, page)
        last = trail["itemListElement"][-1]
        assert last["name"] == page.title, page.url
        assert last["item"] == page.get_full_url()


def test_the_overview_has_no_trail(client):
    assert breadcrumbs(client, Page.objects.get(depth=2, locale__language_code="de")) == []


def test_the_event_keeps_its_event_data_next_to_its_trail(client):
    event = make_event("Online-Dialog", language="en")
    types = [data["@type"] for data in of_type(client.get(event.url), "Event", "BreadcrumbList")]
    assert sorted(types) == ["BreadcrumbList", "Event"]


def test_a_section_that_is_not_published_is_left_out_of_the_trail(client):
    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="de")
    section = StandardPage(title="Interner Bereich in Vorbereitung", slug="intern", live=False)
    home.add_child(instance=section)
    page = StandardPage(title="Kontakt für Partner", slug="kontakt-partner")
    section.add_child(instance=page)
    page.save_revision().publish()
    [trail] = breadcrumbs(client, page)
    names = [item["name"] for item in trail["itemListElement"]]
    assert names == [home.title, page.title]
