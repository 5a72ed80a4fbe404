"""An insight describes itself to search engines as an article: the study as a scholarly
article, news as a news article, with Open Graph's article dates in the head."""

import datetime

import pytest

from home.localization import get_locale
from home.models import Person
from insights.models import InsightPage, InsightPageAuthor
from tests.support.factories import make_insight
from tests.support.html import ok_soup
from tests.support.structured_data import (
    ARTICLE_RECOMMENDED,
    ARTICLE_TYPES,
    json_ld,
    missing,
    of_type,
)

pytestmark = pytest.mark.django_db


def demo_insight(language, insight_type):
    return InsightPage.objects.filter(
        locale__language_code=language, insight_type=insight_type
    ).first()


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_the_study_is_a_scholarly_article_in_its_language(client, language):
    study = demo_insight(language, "publication")
    response = client.get(study.url)
    [article] = of_type(response, *ARTICLE_TYPES)
    assert article["@type"] == "ScholarlyArticle"
    assert missing(article, ARTICLE_RECOMMENDED) == []
    assert article["headline"] == study.title
    assert article["inLanguage"] == language
    assert article["datePublished"] == "2023-09-18"
    assert article["url"] == article["mainEntityOfPage"] == study.get_full_url()
    # Google wants images of several shapes, each a full address.
    assert len(article["image"]) == 3
    assert all(url.startswith("http://testserver/media/") for url in article["image"])
    # The demo study has no person as author: its partners wrote it, named in the language.
    authors = [author["name"] for author in article["author"]]
    assert authors == study.partner_names()
    assert all(author["@type"] == "Organization" for author in article["author"])


def test_news_is_a_news_article_and_other_insights_articles(client):
    for insight_type, expected in (("news", "NewsArticle"), ("learning", "Article")):
        insight = demo_insight("en", insight_type)
        [article] = of_type(client.get(insight.url), *ARTICLE_TYPES)
        assert article["@type"] == expected
        assert missing(article, ARTICLE_RECOMMENDED) == []


def test_people_who_wrote_an_insight_are_its_authors(client):
    insight = make_insight("Ein Gespräch", datetime.date(2027, 6, 15), insight_type="interview")
    person = Person.objects.create(locale=get_locale("de"), name="Alex Beispiel")
    insight.authors = [InsightPageAuthor(person=person)]
    insight.save_revision().publish()
    [article] = of_type(client.get(insight.url), *ARTICLE_TYPES)
    assert article["author"] == [{"@type": "Person", "name": "Alex Beispiel"}]
    assert article["datePublished"] == "2027-06-15"
    insight.refresh_from_db()
    assert datetime.datetime.fromisoformat(article["dateModified"]) == insight.last_published_at


def test_an_insight_nobody_signed_is_by_the_campaign(client):
    learning = demo_insight("fr", "learning")
    assert not learning.authors.exists() and not learning.partners.exists()
    [article] = of_type(client.get(learning.url), *ARTICLE_TYPES)
    overview = learning.get_ancestors().get(depth=2)
    assert article["author"] == [
        {"@type": "Organization", "name": "Partnerschaften2030", "url": overview.get_full_url()}
    ]


def test_the_head_has_open_graphs_article_dates(client):
    study = demo_insight("fr", "publication")
    html = ok_soup(client.get(study.url))
    assert html.find("meta", property="og:type")["content"] == "article"
    assert html.find("meta", property="article:published_time")["content"] == "2023-09-18"
    modified = html.find("meta", property="article:modified_time")["content"]
    assert datetime.datetime.fromisoformat(modified).tzinfo is not None


def test_every_script_of_structured_data_on_insight_pages_is_valid_json(client):
    for insight in InsightPage.objects.live().filter(locale__language_code="fr"):
        assert json_ld(client.get(insight.url)), insight.url
