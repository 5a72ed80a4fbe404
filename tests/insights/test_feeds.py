"""RSS and Atom feeds per language and per type, read with a real feed parser."""

import datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from django.utils import timezone, translation

from wagtail.models import PageLogEntry, PageViewRestriction

from insights.choices import InsightType
from insights.models import InsightIndexPage, InsightPage
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


FEEDS = ["/en/insights/feed/rss/", "/en/insights/feed/atom/", "/fr/enseignements/feed/atom/news/"]


@pytest.mark.parametrize("page_cache_seconds", [3600, 0], ids=["page-cache", "no-page-cache"])
@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_not_modified_since_the_reader_fetched_it_answers_304(
    client, insights, settings, url, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    # When an entry was last published, not its (later) publication date set by hand.
    assert parsedate_to_datetime(first["Last-Modified"]) <= timezone.now()
    # The second request comes from the page cache when it is on: validated all the same.
    for headers in (
        {"if-none-match": first["ETag"]},
        {"if-modified-since": first["Last-Modified"]},
        {"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    ):
        again = client.get(url, headers=headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert again["ETag"] == first["ETag"]


def test_a_feed_that_changed_is_sent_again_in_full(client, insights):
    url = "/en/insights/feed/atom/"
    first = client.get(url)
    make_insight("Fresh news", DAY, language="en", insight_type="news")
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Fresh news" in [entry.title for entry in feedparser.parse(again.content).entries]


def test_the_feed_title_changing_is_a_modification_too(client, insights):
    url = "/en/insights/feed/rss/"
    index = InsightIndexPage.objects.get(locale__language_code="en").specific
    # An hour ago: HTTP dates count whole seconds, the change below comes later.
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    InsightPage.objects.update(last_published_at=an_hour_ago)
    InsightIndexPage.objects.update(last_published_at=an_hour_ago)
    PageLogEntry.objects.update(timestamp=an_hour_ago)  # the fixture's clean-up, too
    first = client.get(url)
    assert parsedate_to_datetime(first["Last-Modified"]) == an_hour_ago.replace(microsecond=0)
    index.title = "Insights and news"
    index.save_revision().publish()
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 200
    assert feedparser.parse(again.content).feed.title == "Insights and news"


@pytest.mark.parametrize("removal", ["unpublish", "restrict", "delete"])
def test_an_entry_taken_back_is_a_modification_too(client, insights, removal):
    # A reader asking "changed since?" must not keep an entry that was taken back.
    url = "/en/insights/feed/rss/"
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    InsightPage.objects.update(last_published_at=an_hour_ago)
    InsightIndexPage.objects.update(last_published_at=an_hour_ago)
    PageLogEntry.objects.update(timestamp=an_hour_ago)  # the fixture's clean-up, too
    first = client.get(url)
    assert parsedate_to_datetime(first["Last-Modified"]) == an_hour_ago.replace(microsecond=0)
    entry = InsightPage.objects.get(title="News in English")
    if removal == "unpublish":
        entry.unpublish()
    elif removal == "restrict":
        PageViewRestriction.objects.create(page=entry, restriction_type=PageViewRestriction.LOGIN)
        # As the admin's privacy dialog does: the new restriction is logged.
        PageLogEntry.objects.log_action(entry, "wagtail.view_restriction.create")
    else:
        # As the admin's delete view does: the deletion is logged, then the page goes.
        PageLogEntry.objects.log_action(entry, "wagtail.delete")
        entry.delete()
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 200
    assert "News in English" not in [item.title for item in feedparser.parse(again.content).entries]


def feed_ids(client, url):
    root = ElementTree.fromstring(client.get(url).content)
    if root.tag == f"{ATOM}feed":
        entries = {
            entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}id").text
            for entry in root.findall(f"{ATOM}entry")
        }
        return root.find(f"{ATOM}id").text, entries
    entries = {}
    for item in root.iter("item"):
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false"
        entries[item.find("title").text] = guid.text
    return None, entries


@pytest.mark.parametrize(
    "url", ["/en/insights/feed/rss/", "/en/insights/feed/atom/", "/en/insights/feed/atom/news/"]
)
def test_feed_and_entry_ids_stay_when_slugs_and_host_change(client, insights, settings, url):
    settings.CALENDAR_UID_DOMAIN = "example.com"
    feed_id, entry_ids = feed_ids(client, url)
    assert entry_ids
    for permanent in [feed_id, *entry_ids.values()]:
        if permanent is not None:
            assert permanent.startswith("tag:example.com,"), permanent
            assert "testserver" not in permanent and "/insights/" not in permanent
    assert len(set(entry_ids.values())) == len(entry_ids)

    index = InsightIndexPage.objects.get(locale__language_code="en").specific
    index.slug = "knowledge"
    index.save_revision().publish()
    news = InsightPage.objects.get(title="News in English")
    news.slug = "news-renamed"
    news.save_revision().publish()
    moved_url = url.replace("/insights/", "/knowledge/")
    assert feed_ids(client, moved_url) == (feed_id, entry_ids)
    assert feed_ids(client.__class__(HTTP_HOST="localhost"), moved_url) == (feed_id, entry_ids)


def test_entries_are_different_in_each_language_and_feeds_in_each_type(client, insights):
    english_id, english = feed_ids(client, "/en/insights/feed/atom/news/")
    french_id, french = feed_ids(client, "/fr/enseignements/feed/atom/news/")
    all_english_id, _all = feed_ids(client, "/en/insights/feed/atom/")
    assert len({english_id, french_id, all_english_id}) == 3
    assert not set(english.values()) & set(french.values())


@pytest.mark.parametrize(
    ("url", "language"),
    [("/de/erkenntnisse/", "de"), ("/en/insights/", "en"), ("/fr/enseignements/", "fr")],
)
def test_the_insight_index_announces_an_atom_feed_of_each_type(client, url, language):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    atom = {
        link["href"]: link["title"]
        for link in html.head.find_all("link", rel="alternate", type="application/atom+xml")
    }
    index = InsightIndexPage.objects.get(locale__language_code=language)
    with translation.override(language):
        for value, label in InsightType.choices:
            href = f"{url}feed/atom/{value}/"
            assert href in atom, href
            assert atom[href] == f"{index.title}: {label} (Atom)"
            assert client.get(href).status_code == 200
