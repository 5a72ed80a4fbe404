"""The page head as sharers and search engines read it: the sharing image's alternative text
in the page's language, the other languages' Open Graph locales, and the x-default version."""

import pytest

from campaign_site.demo import pages as demo_pages
from campaign_site.demo.catalogue import CATALOGUE
from events.models import EventIndexPage, EventPage
from home.models import HomePage
from insights.models import InsightPage
from tests.support.factories import make_image, make_insight
from tests.support.html import ok_soup

pytestmark = pytest.mark.django_db

GERMAN_ALT = demo_pages.HERO_ALT


def og(html, name):
    return [tag["content"] for tag in html.find_all("meta", property=name)]


def in_language(model, language, **filters):
    return model.objects.get(locale__language_code=language, **filters)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_sharing_image_is_described_in_the_page_language(client, language):
    translated_alt = CATALOGUE[GERMAN_ALT][language]
    study = InsightPage.objects.get(locale__language_code=language, insight_type="publication")
    pages = {
        # the overview's hero, described on the page itself
        "overview": in_language(HomePage, language),
        # the site's default image, described in the site texts of the language
        "event index": in_language(EventIndexPage, language),
        # an insight whose hero is the same image
        "study": study,
    }
    for name, page in pages.items():
        html = ok_soup(client.get(page.url))
        assert og(html, "og:image"), name
        assert og(html, "og:image:alt") == [translated_alt], name


def test_the_german_pages_keep_the_images_own_description(client):
    html = ok_soup(client.get(in_language(EventIndexPage, "de").url))
    assert og(html, "og:image:alt") == [GERMAN_ALT]


def test_a_page_describes_its_own_sharing_image_in_its_language(client):
    event = EventPage.objects.filter(locale__language_code="fr").first()
    event.social_image_alt = "Une salle de conférence pleine"
    event.save_revision().publish()
    html = ok_soup(client.get(event.url))
    assert og(html, "og:image:alt") == ["Une salle de conférence pleine"]


def test_an_image_described_only_in_german_has_no_alternative_text_on_english_pages(client):
    # An image described only in German: on an English page, better no text than German.
    image = make_image(description="Ein Saal voller Menschen")
    insight = make_insight("An insight", language="en", hero_image=image)
    html = ok_soup(client.get(insight.url))
    assert og(html, "og:image")
    assert og(html, "og:image:alt") == []


def test_og_locale_alternate_names_the_other_languages_of_the_page(client):
    html = ok_soup(client.get("/en/"))
    assert og(html, "og:locale") == ["en_GB"]
    assert sorted(og(html, "og:locale:alternate")) == ["de_DE", "fr_FR"]

    only_german = make_insight("Nur auf Deutsch")
    html = ok_soup(client.get(only_german.url))
    assert og(html, "og:locale:alternate") == []


def test_the_head_names_the_x_default_version_as_the_sitemap_does(client):
    event = in_language(EventIndexPage, "fr")
    html = ok_soup(client.get(event.url))
    alternates = {
        link["hreflang"]: link["href"]
        for link in html.head.find_all("link", rel="alternate", hreflang=True)
    }
    german = in_language(EventIndexPage, "de")
    assert alternates["x-default"] == alternates["de"] == "http://testserver" + german.url

    only_german = make_insight("Nur auf Deutsch")
    html = ok_soup(client.get(only_german.url))
    hreflangs = [link["hreflang"] for link in html.head.find_all("link", hreflang=True)]
    assert "x-default" not in hreflangs
