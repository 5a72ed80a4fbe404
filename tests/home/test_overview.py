"""The campaign overview: hero, highlights in the page's language, partners, sharing."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

from events.models import EventPage
from home.models import HomePage, SiteSettings
from tests.support.factories import make_event, make_image, make_insight
from tests.support.html import soup

pytestmark = pytest.mark.django_db


def section_titles(html, key):
    section = html.find("section", attrs={"aria-labelledby": f"highlights-{key}"})
    return [a.get_text(strip=True) for a in section.select(".card__title a")]


def test_hero_has_title_intro_image_with_alt_text_and_call_to_action(client):
    html = soup(client.get("/en/"))
    hero = html.find(class_="hero")
    assert hero.h1.get_text(strip=True) == "Partnerships for the 2030 Agenda"
    assert "multi-stakeholder partnerships" in hero.find(class_="lead").get_text()
    image = hero.find("img")
    assert image["alt"].startswith("A ring of 17 coloured segments")
    assert hero.find("a", string=lambda s: s and "More about the study" in s)


def test_overview_shows_aims_and_the_organisers_in_the_page_language(client):
    html = soup(client.get("/fr/"))
    aims = [h3.get_text(strip=True) for h3 in html.select(".aims__item h3")]
    assert aims == [
        "Rassembler les enseignements",
        "Identifier les facteurs favorables aux partenariats",
    ]
    partners = [h.get_text(strip=True) for h in html.select(".partner-card__name")]
    assert partners[0] == "Partnerschaften2030"
    assert "DAES des Nations Unies / 2030 Agenda Partnership Accelerator" in partners
    assert len(partners) == 4


@pytest.fixture
def no_demo_events():
    for event in EventPage.objects.all():
        event.unpublish()


def test_highlights_show_only_live_upcoming_events_of_the_language_soonest_first(
    client, no_demo_events
):
    now = timezone.now()
    make_event("Später", now + datetime.timedelta(days=40))
    make_event("Bald", now + datetime.timedelta(days=3))
    make_event("Entwurf", now + datetime.timedelta(days=1), live=False)
    make_event("Vorbei", now - datetime.timedelta(days=3))
    make_event("Soon in English", now + datetime.timedelta(days=2), language="en")

    titles = section_titles(soup(client.get("/de/")), "upcoming_events")
    assert titles == ["Bald", "Später"]
    assert section_titles(soup(client.get("/en/")), "upcoming_events") == ["Soon in English"]


def test_a_running_event_is_still_upcoming_until_it_ends(client):
    now = timezone.now()
    make_event(
        "Läuft gerade",
        now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=1),
    )
    assert "Läuft gerade" in section_titles(soup(client.get("/de/")), "upcoming_events")


def test_highlights_show_the_latest_live_insights_of_the_language(client):
    today = timezone.localdate()
    make_insight("Älter", today - datetime.timedelta(days=10))
    make_insight("Neu", today)
    make_insight("Unveröffentlicht", today, live=False)
    make_insight("New in English", today, language="en")

    titles = section_titles(soup(client.get("/de/")), "latest_insights")
    assert titles[:2] == ["Neu", "Älter"]
    assert "Unveröffentlicht" not in titles and "New in English" not in titles
    assert len(titles) == 3  # the page's highlight count
    assert "New in English" in section_titles(soup(client.get("/en/")), "latest_insights")


def test_empty_highlights_say_so(client, no_demo_events):
    html = soup(client.get("/de/"))
    section = html.find("section", attrs={"aria-labelledby": "highlights-upcoming_events"})
    assert "Derzeit sind keine kommenden Veranstaltungen angekündigt." in section.get_text()


def shown_with_query_count(client, url):
    """The page's parsed HTML and the number of queries a repeat view costs."""
    client.get(url)  # the first view of new images creates their renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return soup(response), len(queries)


def test_overview_queries_do_not_grow_with_events_and_insights(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count what rendering the page costs
    home = HomePage.objects.get(locale__language_code="de")
    home.highlight_count = 8  # as an editor would set it: a published revision
    home.save_revision().publish()
    now = timezone.now()

    def add(numbers):
        for i in numbers:
            make_event(f"Event {i}", now + datetime.timedelta(days=i + 1))
            make_insight(f"Insight {i}", hero_image=make_image(f"Bild {i}"))

    add(range(2))
    html, few = shown_with_query_count(client, "/de/")
    assert {"Event 0", "Event 1"} <= set(section_titles(html, "upcoming_events"))
    assert {"Insight 0", "Insight 1"} <= set(section_titles(html, "latest_insights"))

    add(range(2, 12))
    html, many = shown_with_query_count(client, "/de/")
    # Eight of each are shown, the soonest events and the newest insights among them.
    events = section_titles(html, "upcoming_events")
    insights = section_titles(html, "latest_insights")
    assert len(events) == len(insights) == 8
    assert events[:8] == [f"Event {i}" for i in range(8)]
    assert set(insights) <= {f"Insight {i}" for i in range(12)}
    assert many == few
    assert many <= 12


def test_sharing_metadata_falls_back_from_social_image_to_hero_to_site_default(client):
    html = soup(client.get("/en/"))
    site = Site.objects.get(is_default_site=True)
    assert html.find("link", rel="canonical")["href"] == f"{site.root_url}/en/"
    og_image = html.find("meta", property="og:image")["content"]
    assert og_image.startswith("http://testserver/media/images/")
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert html.find("meta", property="og:locale")["content"] == "en_GB"

    # The event index has no image of its own: the site's default image is used.
    events = soup(client.get("/en/events/"))
    assert events.find("meta", property="og:image")["content"].startswith("http://testserver/")
    settings = SiteSettings.objects.get()
    settings.default_social_image = None
    settings.save()
    events = soup(client.get("/en/events/"))
    assert events.find("meta", property="og:image") is None
    assert events.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_description_comes_from_search_description_or_intro(client):
    html = soup(client.get("/de/"))
    description = html.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Eine gemeinsame Kampagne")
    assert html.find("meta", property="og:description")["content"] == description
