"""The event index: upcoming and past, filters in the URL, pagination, one language."""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage
from home.localization import get_locale
from home.models import Partner, Region, SustainableDevelopmentGoal, Topic
from tests.support.factories import event_index, make_event

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 6, 15, 12, 0, tzinfo=datetime.UTC)


def titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".card-list .card__title a")]


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield NOW


@pytest.fixture
def only_test_events():
    """Start from an empty index: the demo's own events are unpublished for the test."""
    for event in EventPage.objects.all():
        event.unpublish()


def at(days, hours=0):
    return NOW + datetime.timedelta(days=days, hours=hours)


def test_upcoming_soonest_first_and_past_most_recent_first(client, frozen_now, only_test_events):
    make_event("In zwei Wochen", at(14))
    make_event("Morgen", at(1))
    make_event("Gerade begonnen", at(0, -1), end=at(0, 2))  # still running: upcoming
    make_event("Letzte Woche", at(-7))
    make_event("Letztes Jahr", at(-365))
    make_event("Gestern", at(-1))

    upcoming = client.get("/de/veranstaltungen/")
    assert titles(upcoming) == ["Gerade begonnen", "Morgen", "In zwei Wochen"]
    past = client.get("/de/veranstaltungen/?when=past")
    assert titles(past) == ["Gestern", "Letzte Woche", "Letztes Jahr"]
    html = BeautifulSoup(upcoming.content, "html.parser")
    tabs = [a.get_text(strip=True) for a in html.select(".tabs a")]
    assert tabs == ["Kommend (3)", "Vergangen (3)"]


def test_only_live_events_of_the_active_language(client, frozen_now, only_test_events):
    make_event("Deutsch", at(3))
    make_event("Entwurf", at(4), live=False)
    make_event("English only", at(5), language="en")
    assert titles(client.get("/de/veranstaltungen/")) == ["Deutsch"]
    assert titles(client.get("/en/events/")) == ["English only"]


def tagged_event(title, days, **tags):
    event = make_event(title, at(days), live=False, **tags.pop("fields", {}))
    de = {"locale__language_code": "de"}
    if "sdgs" in tags:
        event.sdgs = SustainableDevelopmentGoal.objects.filter(number__in=tags["sdgs"], **de)
    if "regions" in tags:
        event.regions = Region.objects.filter(slug__in=tags["regions"], **de)
    if "topics" in tags:
        event.topics = Topic.objects.filter(slug__in=tags["topics"], **de)
    if "organisers" in tags:
        event.organisers = Partner.objects.filter(slug__in=tags["organisers"], **de)
    event.save_revision().publish()
    return event


@pytest.fixture
def tagged(frozen_now, only_test_events):
    tagged_event("A", 1, sdgs=[5], regions=["africa"], fields={"format": "online"})
    tagged_event(
        "B",
        2,
        sdgs=[5, 17],
        regions=["unece"],
        topics=["trust"],
        organisers=["the-partnering-initiative"],
        fields={"format": "hybrid", "venue_name": "UN Campus", "venue_city": "Bonn"},
    )
    tagged_event("C", 40, sdgs=[17], regions=["unece"], topics=["trust"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("format=online", ["A", "C"]),
        ("format=hybrid", ["B"]),
        ("sdg=5", ["A", "B"]),
        ("sdg=17", ["B", "C"]),
        ("region=unece", ["B", "C"]),
        ("topic=trust", ["B", "C"]),
        ("organiser=the-partnering-initiative", ["B"]),
        ("month=2027-07", ["C"]),
        ("sdg=17&region=unece&topic=trust", ["B", "C"]),
        ("sdg=5&region=unece", ["B"]),
        ("sdg=5&region=unece&format=online", []),
    ],
)
def test_filters_and_their_combination(client, tagged, query, expected):
    response = client.get(f"/de/veranstaltungen/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_filters_work_with_the_same_url_in_another_language(
    client, tagged, django_capture_on_commit_callbacks
):
    # Tags are chosen on the German page; translations share them, so the English index
    # filters by the same values.
    english = get_locale("en")
    with django_capture_on_commit_callbacks(execute=True):
        creator = TranslationCreator(user=None, target_locales=[english])
        for event in EventPage.objects.filter(locale__language_code="de", title__in="ABC"):
            creator.create_translations(event)
            # New translations start as drafts; the translator publishes them.
            event.get_translation(english).save_revision().publish()
    assert sorted(titles(client.get("/en/events/?sdg=17&region=unece"))) == ["B", "C"]


def test_active_filters_are_shown_as_chips_with_a_reset_link(client, tagged):
    html = BeautifulSoup(client.get("/de/veranstaltungen/?sdg=17").content, "html.parser")
    chips = [chip.get_text(" ", strip=True) for chip in html.select(".chip")]
    assert chips == ["SDG: 17. Partnerschaften zur Erreichung der Ziele"]
    reset = html.find("a", string="Filter zurücksetzen")
    assert reset["href"] == "/de/veranstaltungen/?when=upcoming"


def test_invalid_filter_values_give_a_message_not_an_error(client, tagged):
    response = client.get("/de/veranstaltungen/?sdg=99&month=gestern&page=abc")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    summary = html.find(class_="form-error-summary")
    assert summary is not None and summary["role"] == "alert"
    # Nothing is filtered by the bad values: all upcoming events are listed.
    assert titles(response) == ["A", "B", "C"]


def test_empty_state_offers_a_way_out(client, tagged):
    response = client.get("/de/veranstaltungen/?sdg=5&region=unece&format=online")
    html = BeautifulSoup(response.content, "html.parser")
    empty = html.find(class_="empty-state")
    assert "Keine Veranstaltungen passen zu diesen Filtern." in empty.get_text()
    assert empty.find("a")["href"] == "/de/veranstaltungen/?when=upcoming"


def test_pagination_keeps_the_filters(client, frozen_now, only_test_events):
    for day in range(1, 15):
        make_event(f"Termin {day:02d}", at(day))
    first = client.get("/de/veranstaltungen/?format=online")
    assert titles(first) == [f"Termin {day:02d}" for day in range(1, 13)]
    html = BeautifulSoup(first.content, "html.parser")
    next_link = html.find("a", rel="next")["href"]
    assert "format=online" in next_link and "page=2" in next_link
    second = client.get("/de/veranstaltungen/" + next_link)
    assert titles(second) == ["Termin 13", "Termin 14"]


def count_listing_queries(client):
    client.get("/de/veranstaltungen/")  # renditions and cached fragments are made
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de/veranstaltungen/").status_code == 200
    return len(queries)


def test_listing_queries_are_the_same_for_10_and_200_events(client, only_test_events, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count what rendering the page costs
    now = timezone.now()
    parent = event_index()
    for day in range(10):
        make_event(f"E{day}", now + datetime.timedelta(days=day + 1))
    ten = count_listing_queries(client)
    # Adding many events the fast way: as copies of a published one.
    template = EventPage.objects.child_of(parent).live().first()
    for day in range(10, 200):
        template.copy(
            update_attrs={
                "title": f"E{day}",
                "slug": f"e{day}",
                "start_date": (now + datetime.timedelta(days=day + 1)).date(),
            },
            keep_live=True,
        )
    assert EventPage.objects.child_of(parent).live().count() == 200
    assert count_listing_queries(client) == ten
    assert ten <= 12


def test_an_editors_kept_listing_moves_an_event_to_past_when_it_ends(
    admin_client, only_test_events
):
    # With a session the page cache never answers; the listing is kept per filters, and
    # only until the next event starts or ends.
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        make_event("Läuft noch", at(0, -1), end=at(0, 1))
        make_event("Nächste Woche", at(7))
        assert titles(admin_client.get("/de/veranstaltungen/")) == ["Läuft noch", "Nächste Woche"]
    with mock.patch("django.utils.timezone.now", return_value=at(0, 2)):
        upcoming = admin_client.get("/de/veranstaltungen/")
        assert titles(upcoming) == ["Nächste Woche"]
        tabs = [
            a.get_text(strip=True)
            for a in BeautifulSoup(upcoming.content, "html.parser").select(".tabs a")
        ]
        assert tabs == ["Kommend (1)", "Vergangen (1)"]
