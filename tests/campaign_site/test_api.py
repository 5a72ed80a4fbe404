"""The read-only API for partners: pages by language and type, images, documents, and never
anything about the people who registered."""

import datetime
import json
import zoneinfo
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from events.models import EventPage
from events.registration.services import register_for_event
from tests.support.documents import files_in_every_state
from tests.support.factories import make_event, make_image, make_insight
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

EVENTS = "/api/v2/pages/?type=events.EventPage&fields=*&limit=100"


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.fixture
def events():
    start = timezone.now() + datetime.timedelta(days=10)
    german = make_event("Werkstatt Partnerschaften", start, teaser="Wie Partner lernen.")
    french = make_event(
        "Atelier sur les partenariats", start, language="fr", teaser="Apprendre ensemble."
    )
    return german, french


def test_events_are_listed_in_french_only_when_french_is_asked_for(client, events):
    german, french = events
    french_items = get_json(client, EVENTS + "&locale=fr")["items"]
    assert french_items
    assert {item["meta"]["locale"] for item in french_items} == {"fr"}
    assert french.title in [item["title"] for item in french_items]
    assert german.title not in [item["title"] for item in french_items]
    assert {item["meta"]["type"] for item in french_items} == {"events.EventPage"}
    expected = set(
        EventPage.objects.live()
        .public()
        .filter(locale__language_code="fr")
        .values_list("title", flat=True)
    )
    assert {item["title"] for item in french_items} == expected

    everything = get_json(client, EVENTS)["items"]
    assert {"de", "fr"} <= {item["meta"]["locale"] for item in everything}


def test_an_event_shows_its_public_fields(client, events):
    german, _french = events
    [item] = [
        item for item in get_json(client, EVENTS + "&locale=de")["items"] if item["id"] == german.pk
    ]
    assert item["teaser"] == "Wie Partner lernen."
    assert item["format"] == "online"
    assert item["time_zone"] == "Europe/Berlin"
    assert item["starts_at"].startswith(str(german.starts_at.date()))
    assert "registration" not in item and "registrations" not in item


def test_insights_list_with_their_type_and_image(client):
    insight = make_insight("Lernen aus Partnerschaften", hero_image=make_image("Foto"))
    items = get_json(
        client, "/api/v2/pages/?type=insights.InsightPage&locale=de&fields=*&limit=100"
    )["items"]
    [item] = [item for item in items if item["id"] == insight.pk]
    assert item["insight_type"] == "news"
    assert item["hero_image_rendition"]["url"].startswith("/media/images/")
    images = get_json(client, "/api/v2/images/?limit=100")["items"]
    assert "Foto" in [image["title"] for image in images]


def test_no_registrant_data_appears_in_any_api_response(client, django_capture_on_commit_callbacks):
    event = make_event(
        "Dialogforum",
        timezone.now() + datetime.timedelta(days=5),
        registration=on_site(capacity=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(
            event,
            language="de",
            name="Zelda Geheimnisvoll",
            email="zelda.geheim@example.org",
            organisation="Verein Verschwiegenheit",
        )
    urls = [
        EVENTS,
        EVENTS + "&locale=de",
        f"/api/v2/pages/{event.pk}/",
        f"/api/v2/pages/{event.pk}/?fields=*",
        "/api/v2/pages/?fields=*&limit=100",
        "/api/v2/images/?fields=*&limit=100",
        "/api/v2/documents/?fields=*&limit=100",
    ]
    for url in urls:
        text = json.dumps(get_json(client, url))
        for secret in ("Zelda", "zelda.geheim@example.org", "Verschwiegenheit", "capacity"):
            assert secret not in text, (url, secret)
    # Asking for the registrations by name is an error, not a leak.
    for field in ("registrations", "registration"):
        response = client.get(f"/api/v2/pages/{event.pk}/?fields={field}")
        assert response.status_code == 400
        assert "Zelda" not in response.text


def test_the_api_is_read_only(client, events):
    german, _french = events
    assert client.post("/api/v2/pages/", {"title": "Neu"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{german.pk}/").status_code == 405
    assert client.post("/api/v2/images/", {}).status_code == 405


def test_tags_are_given_as_the_words_the_page_shows_in_its_language(client):
    from home.models import Region, Topic
    from insights.models import InsightPage

    tagged = [
        page
        for page in InsightPage.objects.filter(locale__language_code="fr").live()
        if page.regions.exists() and page.topics.exists() and page.sdgs.exists()
    ]
    assert tagged, "the demo content tags its insights"
    page = tagged[0]

    def french_names(model, terms):
        keys = [term.translation_key for term in terms.all()]
        return sorted(
            model.objects.filter(translation_key__in=keys, locale__language_code="fr").values_list(
                "name", flat=True
            )
        )

    item = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert sorted(item["region_names"]) == french_names(Region, page.regions)
    assert sorted(item["topic_names"]) == french_names(Topic, page.topics)
    assert item["sdg_numbers"] == sorted(goal.number for goal in page.sdgs.all())


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/99999/",
        "/api/v2/images/999/",
        "/api/v2/documents/999/",
        "/api/v2/pages/?locale=xx",
        "/api/v2/nope/",
        "/api/v2/pages/1/nope/",
        "/api/v2/",
    ],
)
def test_what_the_api_does_not_know_is_a_json_404_not_a_redirect_into_a_language(client, url):
    response = client.get(url, headers={"accept-language": "fr"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


def test_other_paths_outside_a_language_still_lead_to_the_visitors_language(client):
    response = client.get("/unknown-page/", headers={"accept-language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/unknown-page/"
    # An API address without its final slash is still completed, as before.
    response = client.get("/api/v2/pages")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?search=%22",
        "/api/v2/pages/?search=Partner%22schaft",
        "/api/v2/pages/?search=%00",
        "/api/v2/images/?search=%22",
        "/api/v2/documents/?search=%00",
        "/api/v2/pages/?title=%00",
        "/api/v2/pages/?search=Partner&search_operator=xor",
        "/api/v2/pages/?offset=99999999999999999999",
        "/api/v2/images/?offset=99999999999999999999",
        "/api/v2/pages/find/?html_path=http://[x/de/",
    ],
)
def test_input_the_api_cannot_take_is_a_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_search_and_a_large_offset_within_range_still_answer(client):
    make_insight("Lernen aus Partnerschaften")
    items = get_json(client, "/api/v2/pages/?search=Partnerschaften&locale=de")["items"]
    assert "Lernen aus Partnerschaften" in [item["title"] for item in items]
    assert get_json(client, "/api/v2/pages/?offset=1000000")["items"] == []


def all_pages(client):
    """Every page the API lists, all languages, following its pagination."""
    items, offset = [], 0
    while True:
        batch = get_json(client, f"/api/v2/pages/?limit=100&offset={offset}")["items"]
        items += batch
        if len(batch) < 100:
            return items
        offset += 100


def test_every_html_url_the_api_gives_finds_its_page_again(client):
    pages = all_pages(client)
    assert {"de", "en", "fr"} <= {page["meta"]["locale"] for page in pages}
    for page in pages:
        html_path = urlsplit(page["meta"]["html_url"]).path
        response = client.get("/api/v2/pages/find/", {"html_path": html_path})
        assert response.status_code == 302, (html_path, response.content[:200])
        assert urlsplit(response["Location"]).path == f"/api/v2/pages/{page['id']}/", html_path
    # The whole address, as the API gives it, is found as well.
    french = next(page for page in pages if page["meta"]["locale"] == "fr")
    response = client.get("/api/v2/pages/find/", {"html_path": french["meta"]["html_url"]})
    assert urlsplit(response["Location"]).path == f"/api/v2/pages/{french['id']}/"


@pytest.mark.parametrize(
    "html_path",
    ["/fr/no-such-page/", "/xx/evenements/", "/fr/api/v2/pages/", "/de/erkenntnisse/unbekannt/"],
)
def test_a_path_of_no_page_is_not_found(client, html_path):
    response = client.get("/api/v2/pages/find/", {"html_path": html_path})
    assert response.status_code == 404
    assert response.json()["message"]


def test_an_unpublished_page_is_not_found_by_its_path(client):
    draft = make_insight("Noch nicht veröffentlicht", language="en", live=False)
    response = client.get("/api/v2/pages/find/", {"html_path": draft.url})
    assert response.status_code == 404


def test_event_times_are_given_in_the_events_own_zone_and_in_utc(client):
    zone = zoneinfo.ZoneInfo("America/New_York")
    start = datetime.datetime(2031, 1, 14, 13, 15, tzinfo=zone)
    event = make_event(
        "New York side event",
        start,
        end=start + datetime.timedelta(hours=1, minutes=15),
        language="en",
        time_zone="America/New_York",
    )
    item = get_json(client, f"/api/v2/pages/{event.pk}/")
    assert item["time_zone"] == "America/New_York"
    assert item["starts_at"] == "2031-01-14T13:15:00-05:00"
    assert item["ends_at"] == "2031-01-14T14:30:00-05:00"
    assert item["starts_at_utc"] == "2031-01-14T18:15:00Z"
    assert item["ends_at_utc"] == "2031-01-14T19:30:00Z"
    # The same moments the page's own structured data (JSON-LD) names.
    html = BeautifulSoup(client.get(event.url).content, "html.parser")
    [data] = [
        data
        for script in html.find_all("script", type="application/ld+json")
        for data in [json.loads(script.string)]
        if data.get("@type") == "Event"
    ]
    assert datetime.datetime.fromisoformat(data["startDate"]) == datetime.datetime.fromisoformat(
        item["starts_at"]
    )
    listed = get_json(client, EVENTS + "&locale=en")["items"]
    [in_listing] = [entry for entry in listed if entry["id"] == event.pk]
    assert in_listing["starts_at"] == item["starts_at"]


def listed_titles(client, endpoint):
    return {item["title"] for item in get_json(client, f"/api/v2/{endpoint}/?limit=100")["items"]}


def test_only_files_that_live_public_pages_use_are_listed(client):
    files = files_in_every_state()
    documents = listed_titles(client, "documents")
    assert files.public.title in documents
    for hidden in files.hidden:
        assert hidden.title not in documents, hidden.title
        response = client.get(f"/api/v2/documents/{hidden.pk}/")
        assert response.status_code == 404, hidden.title
    item = get_json(client, f"/api/v2/documents/{files.public.pk}/")
    assert client.get(item["meta"]["download_url"]).status_code == 200

    images = listed_titles(client, "images")
    assert files.public_image.title in images
    assert files.never_published_image.title not in images
    assert client.get(f"/api/v2/images/{files.never_published_image.pk}/").status_code == 404


def test_the_demo_studys_documents_stay_listed(client):
    from insights.models import InsightPageDocument

    used = {
        link.document.title
        for link in InsightPageDocument.objects.filter(page__live=True).select_related("document")
    }
    assert used, "the demo study offers its documents"
    assert used <= listed_titles(client, "documents")
