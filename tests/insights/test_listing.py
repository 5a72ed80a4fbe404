"""The insight index: newest first, one language, filters in the URL, pagination, queries."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import Partner, Region, StakeholderGroup, SustainableDevelopmentGoal, Topic
from insights.models import InsightPage
from tests.support.factories import insight_index, make_image, make_insight

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 6, 15)


def titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".card-list .card__title a")]


def days_ago(days):
    return DAY - datetime.timedelta(days=days)


def test_newest_first_only_live_insights_of_the_active_language(client, only_test_insights):
    make_insight("Letzte Woche", days_ago(7))
    make_insight("Heute", days_ago(0))
    make_insight("Entwurf", days_ago(1), live=False)
    make_insight("Gestern", days_ago(1))
    make_insight("English only", days_ago(2), language="en")

    assert titles(client.get("/de/erkenntnisse/")) == ["Heute", "Gestern", "Letzte Woche"]
    assert titles(client.get("/en/insights/")) == ["English only"]


def test_cards_show_type_date_and_reading_time(client, only_test_insights):
    make_insight("Ein Interview", DAY, insight_type="interview")
    html = BeautifulSoup(client.get("/en/insights/").content, "html.parser")
    assert html.select(".card__title") == []  # German insight: not on the English index
    html = BeautifulSoup(client.get("/de/erkenntnisse/").content, "html.parser")
    card = html.select_one(".card-list .card")
    assert card.select_one(".card__kicker").get_text(strip=True) == "Interview"
    meta = card.select_one(".card__meta").get_text(strip=True)
    assert "2027" in meta and "1" in meta


def tagged_insight(title, days, **tags):
    insight = make_insight(title, days_ago(days), live=False, **tags.pop("fields", {}))
    de = {"locale__language_code": "de"}
    if "sdgs" in tags:
        insight.sdgs = SustainableDevelopmentGoal.objects.filter(number__in=tags["sdgs"], **de)
    if "regions" in tags:
        insight.regions = Region.objects.filter(slug__in=tags["regions"], **de)
    if "topics" in tags:
        insight.topics = Topic.objects.filter(slug__in=tags["topics"], **de)
    if "groups" in tags:
        insight.stakeholder_groups = StakeholderGroup.objects.filter(slug__in=tags["groups"], **de)
    if "partners" in tags:
        insight.partners = Partner.objects.filter(slug__in=tags["partners"], **de)
    insight.save_revision().publish()
    return insight


@pytest.fixture
def tagged(only_test_insights):
    tagged_insight(
        "A",
        1,
        sdgs=[5],
        regions=["africa"],
        groups=["civil-society"],
        fields={"insight_type": "news"},
    )
    tagged_insight(
        "B",
        2,
        sdgs=[5, 17],
        regions=["unece"],
        topics=["trust"],
        groups=["government"],
        partners=["the-partnering-initiative"],
        fields={"insight_type": "case"},
    )
    tagged_insight(
        "C",
        3,
        sdgs=[17],
        regions=["unece"],
        topics=["trust", "funding"],
        fields={"insight_type": "learning"},
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=news", ["A"]),
        ("type=case", ["B"]),
        ("sdg=5", ["A", "B"]),
        ("sdg=17", ["B", "C"]),
        ("region=unece", ["B", "C"]),
        ("stakeholder_group=government", ["B"]),
        ("topic=trust", ["B", "C"]),
        ("topic=funding", ["C"]),
        ("partner=the-partnering-initiative", ["B"]),
        ("sdg=17&region=unece&topic=trust", ["B", "C"]),
        ("sdg=5&region=unece", ["B"]),
        ("sdg=5&region=unece&type=news", []),
    ],
)
def test_filters_and_their_combination(client, tagged, query, expected):
    response = client.get(f"/de/erkenntnisse/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_active_filters_are_chips_with_a_reset_link_and_a_count(client, tagged):
    html = BeautifulSoup(client.get("/en/insights/?type=case").content, "html.parser")
    assert [chip.get_text(strip=True) for chip in html.select(".chip")] == [
        "Type: Partnership example"
    ]
    assert html.select(".card") == []  # the tagged insights are German only
    html = BeautifulSoup(client.get("/de/erkenntnisse/?region=unece").content, "html.parser")
    chips = [chip.get_text(" ", strip=True) for chip in html.select(".chip")]
    assert chips == ["Region: UNECE-Region"]
    assert html.find(class_="result-count").get_text(strip=True).startswith("2 ")
    reset = html.find("a", string="Filter zurücksetzen")
    assert reset["href"] == "/de/erkenntnisse/"


def test_invalid_filter_values_give_a_message_not_an_error(client, tagged):
    response = client.get("/de/erkenntnisse/?sdg=99&type=gossip&page=abc")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find(class_="form-error-summary")["role"] == "alert"
    assert titles(response) == ["A", "B", "C"]


def test_empty_state_offers_a_way_out(client, tagged):
    html = BeautifulSoup(
        client.get("/de/erkenntnisse/?sdg=5&region=unece&type=news").content, "html.parser"
    )
    empty = html.find(class_="empty-state")
    assert empty.find("a")["href"] == "/de/erkenntnisse/"


def test_empty_index_says_so(client, only_test_insights):
    html = BeautifulSoup(client.get("/de/erkenntnisse/").content, "html.parser")
    assert html.find(class_="empty-state") is not None
    assert titles(client.get("/de/erkenntnisse/")) == []


def test_pagination_keeps_the_filters(client, only_test_insights):
    for day in range(1, 15):
        make_insight(f"Meldung {day:02d}", days_ago(day), insight_type="news")
    make_insight("Lernerfahrung", days_ago(0), insight_type="learning")
    first = client.get("/de/erkenntnisse/?type=news")
    assert titles(first) == [f"Meldung {day:02d}" for day in range(1, 13)]
    next_link = BeautifulSoup(first.content, "html.parser").find("a", rel="next")["href"]
    assert "type=news" in next_link and "page=2" in next_link
    second = client.get("/de/erkenntnisse/" + next_link)
    assert titles(second) == ["Meldung 13", "Meldung 14"]


URLS = ["/de/erkenntnisse/", "/de/erkenntnisse/feed/rss/", "/de/erkenntnisse/feed/atom/"]


def count_queries(client, url):
    client.get(url)  # renditions are made on the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_and_feeds_queries_are_the_same_for_10_and_200_insights(
    client, only_test_insights, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count what rendering the page costs
    parent = insight_index()
    for day in range(10):
        make_insight(f"I{day}", days_ago(day), hero_image=make_image(f"Bild {day}"))
    ten = {url: count_queries(client, url) for url in URLS}
    template = InsightPage.objects.child_of(parent).live().first()
    for day in range(10, 200):
        template.copy(
            update_attrs={"title": f"I{day}", "slug": f"i{day}", "publication_date": days_ago(day)},
            keep_live=True,
        )
    assert InsightPage.objects.child_of(parent).live().count() == 200
    assert {url: count_queries(client, url) for url in URLS} == ten
    assert max(ten.values()) <= 12


def test_overview_shows_the_latest_insights_with_their_type(client, only_test_insights):
    make_insight("Älter", days_ago(5), language="en", insight_type="learning")
    make_insight("Neuer", days_ago(1), language="en", insight_type="interview")
    html = BeautifulSoup(client.get("/en/").content, "html.parser")
    section = html.find("section", attrs={"aria-labelledby": "highlights-latest_insights"})
    cards = [
        (card.select_one(".card__kicker").get_text(strip=True), card.h3.get_text(strip=True))
        for card in section.select(".card")
    ]
    assert cards == [("Interview", "Neuer"), ("Learning", "Älter")]
    assert section.find("a", class_="more-link")["href"] == "/en/insights/"


def test_cards_offer_the_image_in_modern_formats_and_two_widths(client, only_test_insights):
    make_insight("Mit Bild", days_ago(1), hero_image=make_image("Bild", width=1600, height=900))
    html = BeautifulSoup(client.get("/de/erkenntnisse/").content, "html.parser")
    picture = html.select_one(".card-list .card__image picture")
    assert picture is not None
    types = {source["type"] for source in picture.find_all("source")}
    assert {"image/avif", "image/webp"} <= types
    img = picture.find("img")
    assert len(img["srcset"].split(",")) == 2
    assert img["loading"] == "lazy" and img["alt"] == ""
    assert img["width"] and img["height"]


def test_editors_get_the_listing_kept_per_filter_and_new_at_every_publish(
    admin_client, tagged, django_assert_num_queries
):
    # A visitor with a session (here an editor) is never served from the page cache; the
    # filters and the page of results are kept per filters asked for, until content changes.
    url = "/de/erkenntnisse/?region=unece"
    assert titles(admin_client.get(url)) == ["B", "C"]
    assert titles(admin_client.get("/de/erkenntnisse/?type=news")) == ["A"]
    response = admin_client.get(url)
    assert titles(response) == ["B", "C"]
    assert "UNECE-Region" in response.content.decode()  # its chip, kept with it
    tagged_insight("D", 0, regions=["unece"], fields={"insight_type": "case"})
    assert titles(admin_client.get(url)) == ["D", "B", "C"]
    assert titles(admin_client.get("/de/erkenntnisse/?type=news")) == ["A"]


def test_a_kept_listing_is_read_without_a_query_for_its_results(client, settings, tagged):
    settings.PAGE_CACHE_SECONDS = 0
    url = "/de/erkenntnisse/?region=unece&page=1"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert titles(again) == ["B", "C"]
    assert not [q["sql"] for q in queries.captured_queries if "insights_insightpage" in q["sql"]]
