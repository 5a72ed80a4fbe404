"""RSS and Atom feeds per language and per type, read with a real feed parser."""

import datetime
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.support.factories import make_image, make_insight

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 6, 15)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def insights(only_test_insights):
    make_insight(
        "Neuigkeit",
        DAY,
        insight_type="news",
        teaser="Eine kurze Meldung.",
        hero_image=make_image("Bild"),
    )
    make_insight("Lernerfahrung", DAY - datetime.timedelta(days=1), insight_type="learning")
    make_insight("News in English", DAY, language="en", insight_type="news", teaser="A short item.")
    make_insight("Learning in English", DAY, language="en", insight_type="learning")
    make_insight("Nouvelle", DAY, language="fr", insight_type="news")


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    ("url", "content_type", "version"),
    [
        ("/en/insights/feed/rss/", "application/rss+xml", "rss20"),
        ("/en/insights/feed/atom/", "application/atom+xml", "atom10"),
    ],
)
def test_feeds_list_the_insights_of_their_language(client, insights, url, content_type, version):
    response, feed = parse(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    assert feed.feed.language == "en"
    assert feed.feed.link.startswith("http") and feed.feed.link.endswith("/en/insights/")
    assert sorted(entry.title for entry in feed.entries) == [
        "Learning in English",
        "News in English",
    ]
    for entry in feed.entries:
        assert entry.link.startswith("http") and "/en/insights/" in entry.link
        assert entry.published_parsed[:3] == (2027, 6, 15)
    news = next(entry for entry in feed.entries if entry.title == "News in English")
    assert news.summary == "A short item."
    assert [tag.term for tag in news.tags] == ["News"]


def test_german_feed_has_german_entries_newest_first_with_the_hero_image(client, insights):
    _response, feed = parse(client, "/de/erkenntnisse/feed/rss/")
    assert feed.feed.language == "de"
    assert [entry.title for entry in feed.entries] == ["Neuigkeit", "Lernerfahrung"]
    news = feed.entries[0]
    assert news.summary == "Eine kurze Meldung."
    [enclosure] = news.enclosures
    assert enclosure.href.startswith("http://testserver/") and ".jpg" in enclosure.href
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 0
    assert feed.entries[1].enclosures == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_one_type(client, insights, kind):
    _response, feed = parse(client, f"/fr/enseignements/feed/{kind}/news/")
    assert [entry.title for entry in feed.entries] == ["Nouvelle"]
    _response, feed = parse(client, f"/en/insights/feed/{kind}/learning/")
    assert [entry.title for entry in feed.entries] == ["Learning in English"]
    assert client.get(f"/en/insights/feed/{kind}/gossip/").status_code == 404


def test_feeds_are_discoverable_in_the_page_head(client, insights):
    for url in ("/en/insights/", "/en/insights/news-in-english/"):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        links = {
            link["href"]: link["type"]
            for link in html.head.find_all("link", rel="alternate")
            if link.get("type")
        }
        assert links["/en/insights/feed/rss/"] == "application/rss+xml"
        assert links["/en/insights/feed/atom/"] == "application/atom+xml"
        assert links["/en/insights/feed/rss/news/"] == "application/rss+xml"


@pytest.mark.parametrize(
    "url",
    [
        "/de/erkenntnisse/feed/atom/",
        "/en/insights/feed/atom/",
        "/en/insights/feed/atom/learning/",
        "/fr/enseignements/feed/atom/news/",
    ],
)
def test_atom_feed_names_the_site_as_author_of_insights_without_one(client, insights, url):
    # RFC 4287 §4.1.1: a feed whose entries have no author of their own must have one.
    _response, feed = parse(client, url)
    assert feed.feed.author == "Partnerschaften2030"
    root = ElementTree.fromstring(client.get(url).content)
    names = [name.text for name in root.findall(f"{ATOM}author/{ATOM}name")]
    assert names == ["Partnerschaften2030"]
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.find(f"{ATOM}author") is None  # none named: the feed's author stands
