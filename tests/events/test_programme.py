"""A programme over several days: shown day by day with each session's room, read by search
engines as sessions of the event (`subEvent`), translated without touching days and times,
and the event's calendar entry stays one entry for the whole event."""

import datetime
import json
import zoneinfo

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.localization import get_locale
from home.models import Person
from tests.support.factories import make_event
from tests.support.ical import strict_calendar
from tests.support.structured_data import EVENT_REQUIRED, missing, of_type

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def first_day():
    return timezone.localdate() + datetime.timedelta(days=40)


def session(title, start, end, *, day=None, room="", speakers=()):
    return {
        "type": "session",
        "value": {
            "day": day.isoformat() if day else None,
            "start_time": start,
            "end_time": end,
            "title": title,
            "room": room,
            "description": "",
            "speakers": list(speakers),
        },
    }


def two_day_programme(speaker):
    day_one, day_two = first_day(), first_day() + datetime.timedelta(days=1)
    return [
        session("Eröffnung", "09:00:00", "09:30:00", room="Saal 1", speakers=[speaker.pk]),
        # Given out of order: the second day's session comes before the first day's last.
        session("Werkstätten", "09:00:00", "12:00:00", day=day_two, room="Raum Rhein"),
        session("Podium", "10:00:00", "11:30:00", day=day_one, room="Saal 1"),
    ]


@pytest.fixture
def speaker():
    return Person.objects.create(locale=get_locale("de"), name="Alex Beispiel")


def conference(agenda, **fields):
    start = datetime.datetime.combine(first_day(), datetime.time(9), tzinfo=BERLIN)
    return make_event(
        "Partnerschaftskonferenz",
        start,
        end=start + datetime.timedelta(days=1, hours=8),
        format="in_person",
        venue_name="Haus der Kultur",
        venue_city="Bonn",
        agenda=json.dumps(agenda),
        **fields,
    )


def page_of(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def heading(day, language):
    with translation.override(language):
        return f"{date_format(day, 'l')}, {date_format(day, 'DATE_FORMAT')}"


def programme(page):
    """Each day's heading with the titles of its sessions."""
    agenda = page.select_one("section.agenda")
    return [
        (
            day.get_text(strip=True),
            [
                title.get_text(strip=True)
                for title in agenda.select_one(f'ol[aria-labelledby="{day["id"]}"]').select(
                    ".agenda-session__title"
                )
            ],
        )
        for day in agenda.select("h3.agenda__day")
    ]


def rooms(page):
    """Each session's room, as read after its label for screen readers."""
    found = []
    for room in page.select(".agenda-session__room"):
        label = room.select_one(".visually-hidden").extract()
        assert label.get_text(strip=True)
        found.append(room.get_text(strip=True))
    return found


def test_a_two_day_programme_is_shown_day_by_day_with_rooms(client, speaker):
    event = conference(two_day_programme(speaker))
    page = page_of(client, event)
    day_one, day_two = first_day(), first_day() + datetime.timedelta(days=1)
    assert programme(page) == [
        (heading(day_one, "de"), ["Eröffnung", "Podium"]),
        (heading(day_two, "de"), ["Werkstätten"]),
    ]
    # Under each day's heading, the sessions are one level below.
    assert [title.name for title in page.select(".agenda-session__title")] == ["h4"] * 3
    assert rooms(page) == ["Saal 1", "Saal 1", "Raum Rhein"]
    days = [time["datetime"] for time in page.select("h3.agenda__day time")]
    assert days == [day_one.isoformat(), day_two.isoformat()]


def test_a_one_day_programme_looks_as_before(client, speaker):
    event = conference(
        [
            session("Eröffnung", "09:00:00", "09:30:00", room="Saal 1"),
            session("Podium", "10:00:00", "11:30:00", day=first_day()),
        ]
    )
    page = page_of(client, event)
    agenda = page.select_one("section.agenda")
    assert agenda.select("h3.agenda__day") == []
    [listing] = agenda.select("ol.agenda__list")
    assert [title.name for title in listing.select(".agenda-session__title")] == ["h3", "h3"]
    assert [title.get_text() for title in listing.select("h3")] == ["Eröffnung", "Podium"]
    # A room is shown when a session has one.
    assert rooms(page) == ["Saal 1"]


def test_search_engines_read_each_session_as_part_of_the_event(client, speaker):
    event = conference(two_day_programme(speaker))
    [data] = of_type(client.get(event.url), "Event")
    sessions = data["subEvent"]
    assert [item["name"] for item in sessions] == ["Eröffnung", "Werkstätten", "Podium"]
    day_one, day_two = first_day(), first_day() + datetime.timedelta(days=1)

    def at(day, hour, minute=0):
        return datetime.datetime.combine(day, datetime.time(hour, minute), BERLIN).isoformat()

    assert [(item["startDate"], item["endDate"]) for item in sessions] == [
        (at(day_one, 9), at(day_one, 9, 30)),
        (at(day_two, 9), at(day_two, 12)),
        (at(day_one, 10), at(day_one, 11, 30)),
    ]
    for item in sessions:
        assert item["@type"] == "Event"
        assert missing(item, EVENT_REQUIRED) == [], item
        # The room is a place inside the venue, with the venue's address.
        assert item["location"]["containedInPlace"]["name"] == "Haus der Kultur"
        assert item["location"]["address"]["addressLocality"] == "Bonn"
    assert sessions[1]["location"]["name"] == "Raum Rhein"
    assert sessions[0]["performer"] == [{"@type": "Person", "name": "Alex Beispiel"}]
    assert "performer" not in sessions[1]


def test_an_event_without_a_programme_has_no_sessions_for_search_engines(client):
    event = conference([])
    [data] = of_type(client.get(event.url), "Event")
    assert "subEvent" not in data


def vevent_without_stamps(client, event):
    """The event's calendar entry, without the moment of download and of publishing."""
    response = client.get(event.url + "calendar/")
    assert response.status_code == 200
    calendar = strict_calendar(response.content)
    [vevent] = calendar.walk("VEVENT")
    return {
        name: vevent[name].to_ical() for name in vevent if name not in ("DTSTAMP", "LAST-MODIFIED")
    }


def test_the_calendar_entry_is_the_same_with_a_programme(client, speaker):
    event = conference([])
    before = vevent_without_stamps(client, event)
    event.agenda = json.dumps(two_day_programme(speaker))
    event.save_revision().publish()
    after = vevent_without_stamps(client, event)
    assert after == before


def test_translators_translate_rooms_never_days_or_times(
    client, speaker, django_capture_on_commit_callbacks
):
    event = conference(two_day_programme(speaker))
    source, _created = TranslationSource.get_or_create_from_instance(event)
    english = Locale.objects.get(language_code="en")
    work = Translation.objects.create(source=source, target_locale=english, enabled=True)
    po = work.export_po()
    offered = {entry.msgid for entry in po}
    assert {"Saal 1", "Raum Rhein", "Eröffnung"} <= offered
    day_two = first_day() + datetime.timedelta(days=1)
    for synchronised in ("09:00:00", "09:00", day_two.isoformat()):
        assert synchronised not in offered
    words = {"Saal 1": "Hall 1", "Raum Rhein": "Rhine room", "Eröffnung": "Opening"}
    for entry in po:
        entry.msgstr = words.get(entry.msgid, entry.msgid)
    user = get_user_model().objects.get(username="admin")
    work.import_po(po, user=user)
    # wagtail-localize publishes the translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        work.save_target(user=user, publish=True)

    translated = event.get_translation(english)
    page = page_of(client, translated)
    assert programme(page) == [
        (heading(first_day(), "en"), ["Opening", "Podium"]),
        (heading(day_two, "en"), ["Werkstätten"]),
    ]
    assert rooms(page) == ["Hall 1", "Hall 1", "Rhine room"]
