"""An event page: its state by date, calendar file, structured data and editor checks."""

import datetime
import json
import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage
from tests.support.factories import make_event
from tests.support.html import soup

pytestmark = pytest.mark.django_db


def online_dialogue():
    return EventPage.objects.get(locale__language_code="de", slug="online-dialog-partnerschaften")


def side_event(language):
    return EventPage.objects.get(
        locale__language_code=language, occasion="ECOSOC Partnership Forum 2023"
    )


def test_event_page_shows_time_in_the_events_zone_in_the_page_language(client):
    german = soup(client.get(side_event("de").url))
    assert german.find("time").get_text() == (
        "Dienstag, 31. Januar 2023, 13:15–14:30 (New York, EST)"
    )
    assert german.find("time")["datetime"] == "2023-01-31T13:15:00-05:00"
    french = soup(client.get(side_event("fr").url))
    assert french.find("time").get_text() == "mardi, 31 janvier 2023, 13:15–14:30 (New York, EST)"


def test_state_by_date(client):
    now = timezone.now()
    upcoming = make_event("Kommt", now + datetime.timedelta(days=2))
    running = make_event(
        "Läuft", now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1)
    )
    assert upcoming.state() == "upcoming" and running.state() == "ongoing"
    assert side_event("de").state() == "past"
    assert "Kommende Veranstaltung" in client.get(upcoming.url).text
    assert "Findet gerade statt" in client.get(running.url).text
    past = soup(client.get(side_event("en").url))
    assert past.find(class_="event-state").get_text(strip=True) == "Past event"
    outputs = past.find("section", class_="event-outputs")
    # The insight about the side event is its output, in the page's language.
    assert "Campaign for multi-stakeholder partnerships launched" in outputs.get_text()
    # No calendar button for a past event.
    assert past.find("a", string=lambda s: s and ".ics" in s) is None


def test_ics_has_local_times_with_tzid_and_one_uid_across_languages(client):
    uids = set()
    for language in ("de", "en", "fr"):
        event = side_event(language)
        response = client.get(event.url + "calendar/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        vevent = next(iter(calendar.walk("VEVENT")))
        start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
        assert start.isoformat() == "2023-01-31T13:15:00-05:00"
        assert end.isoformat() == "2023-01-31T14:30:00-05:00"
        assert vevent["dtstart"].params["TZID"] == "America/New_York"
        assert str(vevent["summary"]) == event.title
        assert any(str(tz["tzid"]) == "America/New_York" for tz in calendar.walk("VTIMEZONE"))
        uids.add(str(vevent["uid"]))
    assert len(uids) == 1


def test_all_day_event_in_ics_uses_dates():
    from django.test import RequestFactory

    from events.calendar import event_component

    event = make_event("Ganztägig", start_time=None)
    event.start_time = None
    event.save()
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    vevent = event_component(event, request)
    assert isinstance(vevent.decoded("dtstart"), datetime.date)
    assert not isinstance(vevent.decoded("dtstart"), datetime.datetime)
    assert vevent.decoded("dtend") - vevent.decoded("dtstart") == datetime.timedelta(days=1)


def test_calendar_feed_lists_upcoming_events_of_the_language(client):
    now = timezone.now()
    make_event("Bald", now + datetime.timedelta(days=5))
    make_event("Soon", now + datetime.timedelta(days=5), language="en")
    calendar = Calendar.from_ical(client.get("/de/veranstaltungen/calendar/").content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Bald" in summaries
    assert "Soon" not in summaries
    assert "Side Event beim ECOSOC Partnership Forum 2023" not in summaries  # past


def test_json_ld_describes_the_event(client):
    html = soup(client.get(side_event("en").url))
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["name"] == "Side event at the ECOSOC Partnership Forum 2023"
    assert data["startDate"] == "2023-01-31T13:15:00-05:00"
    assert data["endDate"] == "2023-01-31T14:30:00-05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressLocality"] == "New York"
    assert [o["name"] for o in data["organizer"]][0] == "Partnerschaften2030"
    assert data["url"].endswith("/en/events/side-event-ecosoc-partnership-forum-2023/")
    assert data["inLanguage"] == "en"


def test_json_ld_of_an_online_event_has_a_virtual_location(client):
    event = make_event("Online", online_url="https://meet.example.org/abc")
    data = json.loads(soup(client.get(event.url)).find("script", type="application/ld+json").string)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    # The join link is for registrants only: the virtual location is the event's page.
    assert data["location"] == {"@type": "VirtualLocation", "url": data["url"]}
    assert data["url"].endswith(event.url)


def test_json_ld_cannot_break_out_of_its_script_element(client):
    event = make_event("</script><script>alert(1)</script>")
    html = client.get(event.url).text
    assert "</script><script>alert(1)" not in html


def test_end_before_start_is_rejected_with_a_message():
    event = EventPage(
        title="Falsch",
        slug="falsch",
        start_date=datetime.date(2027, 5, 2),
        start_time=datetime.time(10, 0),
        end_date=datetime.date(2027, 5, 1),
        format="online",
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert error.value.message_dict["end_date"] == ["Das Ende darf nicht vor dem Beginn liegen."]
    event.end_date, event.end_time = None, datetime.time(9, 0)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end_time" in error.value.message_dict


def test_in_person_event_needs_a_venue():
    event = EventPage(
        title="Vor Ort", slug="vor-ort", start_date=datetime.date(2027, 5, 2), format="in_person"
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert set(error.value.message_dict) == {"venue_name", "venue_city"}


def test_admin_shows_the_error_next_to_the_field_and_keeps_the_input(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    parent = side_event("de").get_parent()
    response = client.post(
        f"/admin/pages/add/events/eventpage/{parent.pk}/",
        {
            "title": "Werkstatt",
            "slug": "werkstatt",
            "start_date": "2027-05-02",
            "start_time": "10:00",
            "end_date": "2027-05-01",
            "time_zone": "Europe/Berlin",
            "format": "in_person",
            "venue_name": "",
            "venue_city": "",
            "body-count": "0",
            "registration-count": "0",
            "agenda-count": "0",
            "outputs-count": "0",
            "follow_up_after": "24",
            "feedback-count": "0",
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "speakers-MIN_NUM_FORMS": "0",
            "speakers-MAX_NUM_FORMS": "1000",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200  # the form again, not a redirect
    form = response.context["form"]
    assert form.errors["end_date"] == ["Das Ende darf nicht vor dem Beginn liegen."]
    assert "venue_name" in form.errors
    assert form["title"].value() == "Werkstatt"
    assert not EventPage.objects.filter(slug="werkstatt").exists()


def test_admin_event_listing_shows_start_date_and_format(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get("/admin/events/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Side Event beim ECOSOC Partnership Forum 2023" in text
    html = BeautifulSoup(text, "html.parser")
    row = next(
        tr
        for tr in html.select("table.listing tbody tr")
        if "Side Event beim ECOSOC Partnership Forum 2023" in tr.get_text()
    )
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert "Vor Ort" in cells
    assert any("31. Januar 2023" in cell for cell in cells), cells


def test_frozen_clock_moves_an_event_from_upcoming_to_past():
    event = make_event("Termin", timezone.now() + datetime.timedelta(days=1))
    later = event.ends_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert event.state() == "past"


# Previews in the block picker


@pytest.mark.parametrize(
    "block_path",
    [
        ("agenda", "session"),
        ("outputs", "paragraph"),
        ("outputs", "document_download"),
        ("registration", "external"),
        ("registration", "on_site"),
    ],
    ids="-".join,
)
def test_event_blocks_have_a_preview_in_the_block_picker(admin_client, block_path):
    field, name = block_path
    child = EventPage._meta.get_field(field).stream_block.child_blocks[name]
    assert child.is_previewable and child.meta.description
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix}
    )
    assert response.status_code == 200
    sample = BeautifulSoup(response.content, "html.parser").find(class_=f"w-block-{name}")
    assert sample is not None and sample.get_text(strip=True), block_path


# HTML's machine-readable dates and times (a date, a time, a local or a global date and time).
_DATE = r"\d{4,}-\d{2}-\d{2}"
_TIME = r"\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?"
HTML_TIME_VALUE = re.compile(rf"{_DATE}|{_TIME}|{_DATE}[T ]{_TIME}(?:Z|[+-]\d{{2}}:?\d{{2}})?")


def parses_as_html_time(value):
    if not HTML_TIME_VALUE.fullmatch(value):
        return False
    date, _sep, time = value.replace(" ", "T").partition("T")
    try:
        if "-" in date:
            datetime.date.fromisoformat(date)
        else:
            time = date
        if time:
            datetime.time.fromisoformat(re.split(r"Z|[+-]", time)[0])
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_every_time_on_an_event_page_with_a_programme_is_machine_readable(client, language):
    event = EventPage.objects.get(
        locale__language_code=language, translation_key=online_dialogue().translation_key
    )
    html = soup(client.get(event.url))
    times = html.find_all("time")
    sessions = html.select(".agenda-session time")
    assert len(sessions) >= 6  # three sessions, each from and to
    for time in times:
        assert parses_as_html_time(time.get("datetime", "")), time
    assert [t["datetime"] for t in sessions[:2]] == ["15:00", "15:15"]
    if language == "en":
        assert sessions[0].get_text() == "3 p.m."
