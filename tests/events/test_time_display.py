"""Times shown to visitors say their time zone, and every `<time>` element gives a
machine-readable value the Nu HTML checker accepts (an all-day event: its date only)."""

import datetime
import re

import pytest

from django.utils import timezone

from events.models import EventPage
from tests.support.factories import make_event
from tests.support.html import ok_soup, text
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

# The `datetime` values HTML allows (WHATWG "the time element"), as the Nu checker reads
# them: month, date, yearless date, time, local or global date and time, time-zone offset,
# year, week, duration.
DATE = r"(?P<year>\d{4,})-(?P<month>\d\d)-(?P<day>\d\d)"
TIME = r"(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d{1,3})?)?"
OFFSET = r"(?:Z|[+-](?P<offset_hour>\d\d):?(?P<offset_minute>\d\d))"
DURATION = r"P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)?|(?:\s*\d+\s*[WDHMS])+\s*"
DATETIME_VALUES = [
    re.compile(pattern)
    for pattern in (
        r"(?P<year>\d{4,})-(?P<month>\d\d)",
        DATE,
        r"(?:--)?(?P<month>\d\d)-(?P<day>\d\d)",
        TIME,
        rf"{DATE}[T ]{TIME}",
        OFFSET,
        rf"{DATE}[T ]{TIME}{OFFSET}",
        r"\d{4,}",
        r"\d{4,}-W(?P<week>\d\d)",
        DURATION,
    )
]


def is_valid_datetime_value(value):
    """Whether `value` is a valid `datetime` attribute of `<time>`."""
    for pattern in DATETIME_VALUES:
        match = pattern.fullmatch(value)
        if match is None or value.strip() == "":
            continue
        parts = {name: int(part) for name, part in match.groupdict().items() if part}
        try:
            if "day" in parts:
                datetime.date(parts.get("year", 2000), parts["month"], parts["day"])
            if "hour" in parts:
                datetime.time(parts["hour"], parts["minute"], parts.get("second", 0))
        except ValueError:
            return False
        return (
            1 <= parts.get("month", 1) <= 12
            and 1 <= parts.get("week", 1) <= 53
            and parts.get("offset_hour", 0) <= 23
            and parts.get("offset_minute", 0) <= 59
        )
    return False


def test_the_validator_knows_valid_from_invalid_values():
    for valid in ("2023-01-31", "2023-01-31T13:15:00-05:00", "13:15", "2023-01-31 13:15Z"):
        assert is_valid_datetime_value(valid), valid
    for invalid in ("", "31.01.2023", "2023-02-30", "13:15 EST", "2023-01-31T25:00"):
        assert not is_valid_datetime_value(invalid), invalid


def time_elements(page):
    """Every `<time>` of a page, each checked for a valid `datetime` attribute."""
    elements = page.find_all("time")
    for element in elements:
        assert is_valid_datetime_value(element.get("datetime", "")), str(element)
    return elements


def soon(days=12, hour=15):
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def all_day_event(title="Aktionstag", **fields):
    event = make_event(title, soon(), time_zone="America/New_York", **fields)
    event.start_time = None
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def test_an_all_day_event_is_a_date_without_a_local_time_hint(client):
    event = all_day_event()
    [when] = time_elements(ok_soup(client.get(event.url)))
    assert when["datetime"] == event.start_date.isoformat()
    # No "your local time: … 4:00 AM" for a day: the script only adds hints to instants.
    assert not when.has_attr("data-local-time")
    assert "(" not in text(when)


def test_a_timed_event_is_an_instant_with_its_zone_and_a_local_time_hint(client):
    event = make_event(
        "Dialog", soon(), end=soon() + datetime.timedelta(hours=1), time_zone="Asia/Tokyo"
    )
    [when] = time_elements(ok_soup(client.get(event.url)))
    assert when["datetime"] == event.timing.starts_at().isoformat()
    assert when.has_attr("data-local-time")
    assert text(when).endswith("(Tokyo, JST)")


def test_registration_dates_are_in_the_events_zone_with_its_name(client):
    closes = datetime.datetime(2040, 2, 1, 17, 0, tzinfo=datetime.UTC)
    event = make_event(
        "Anmeldung offen",
        datetime.datetime(2040, 2, 10, 9, 0, tzinfo=datetime.UTC),
        time_zone="America/New_York",
        registration=on_site(closes_at=closes.isoformat()),
    )
    page = ok_soup(client.get(event.url))
    registration = page.find(id="registration")
    [deadline] = time_elements(registration)
    assert "Anmeldung möglich bis 1. Februar 2040, 12:00 (New York, EST)" in text(registration)
    assert datetime.datetime.fromisoformat(deadline["datetime"]) == closes
    assert deadline["datetime"].endswith("-05:00")


def test_registration_opening_is_in_the_events_zone_with_its_name(client):
    opens = datetime.datetime(2040, 7, 1, 7, 30, tzinfo=datetime.UTC)
    event = make_event(
        "Anmeldung bald",
        datetime.datetime(2040, 8, 10, 9, 0, tzinfo=datetime.UTC),
        language="en",
        registration=on_site(opens_at=opens.isoformat()),
    )
    registration = ok_soup(client.get(event.url)).find(id="registration")
    [opening] = time_elements(registration)
    notice = registration.find(class_="registration__notice").get_text()
    assert notice == "Registration opens on July 1, 2040, 9:30 a.m. (Berlin, CEST)."
    assert datetime.datetime.fromisoformat(opening["datetime"]) == opens


def test_listing_cards_give_the_machine_readable_time_and_the_zone(client):
    timed = make_event("Zeitlich", soon(days=3), time_zone="America/New_York")
    day = all_day_event("Ganztags")
    listing = ok_soup(client.get("/de/veranstaltungen/"))
    times = {
        text(card.find(class_="card__title")): card.find("time")
        for card in listing.find_all(class_="card")
    }
    time_elements(listing)
    assert times["Zeitlich"]["datetime"] == timed.timing.starts_at().isoformat()
    assert text(times["Zeitlich"]).endswith(f"({timed.timing.zone_label()})")
    assert times["Ganztags"]["datetime"] == day.start_date.isoformat()


@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/en/events/",
        "/en/events/?when=past",
        "/fr/evenements/dialogue-en-ligne-partenariats/",
        "/en/events/side-event-ecosoc-partnership-forum-2023/",
    ],
)
def test_every_time_element_of_the_demo_pages_is_machine_readable(client, path):
    page = ok_soup(client.get(path))
    assert time_elements(page), f"{path} shows times"


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("de", "(Ihre Ortszeit: %(time)s)"),
        # French typography: a non-breaking space before the colon.
        ("fr", "(votre heure locale\u00a0: %(time)s)"),
        ("en", "(your local time: %(time)s)"),
    ],
)
def test_the_local_time_hint_is_worded_by_the_pages_language(client, language, label):
    """local-time.js writes the visitor's own time into the words the page gives it."""
    event = make_event(
        "Dialog",
        soon(),
        time_zone="Asia/Tokyo",
        language=language,
        registration=on_site(closes_at=soon(days=5).isoformat()),
    )
    hinted = ok_soup(client.get(event.url)).select("time[data-local-time]")
    assert len(hinted) == 2  # when the event starts, and the registration deadline
    assert {element["data-local-label"] for element in hinted} == {label}
