"""Calendar files as strict calendar programs read them: valid RFC 5545, named in the
reader's language (RFC 7986 NAME and X-WR-CALNAME), with a refresh interval for
subscriptions, and the registration email's attachment in the registrant's language."""

import datetime

import pytest
from icalendar import vDuration

from django.core import mail
from django.utils import timezone

from events.models import EventPage
from events.registration.services import register_for_event
from tests.support.factories import make_event
from tests.support.ical import offset_by_vtimezone, strict_calendar
from tests.support.registration import without_double_opt_in

pytestmark = pytest.mark.django_db

NAMES = {
    "de": "Partnerschaften für die Agenda 2030: Veranstaltungen",
    "en": "Partnerships for the 2030 Agenda: events",
    "fr": "Partenariats pour l'Agenda 2030\u00a0: événements",  # non-breaking space
}


def download(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return strict_calendar(response.content)


@pytest.mark.parametrize(
    "language, path",
    [
        ("de", "/de/veranstaltungen/calendar/"),
        ("en", "/en/events/calendar/"),
        ("fr", "/fr/evenements/calendar/"),
    ],
)
def test_the_feed_is_named_in_its_language_and_says_how_often_to_refresh(client, language, path):
    calendar = download(client, path)
    assert calendar.walk("VEVENT"), "the demo has upcoming events in every language"
    assert str(calendar["NAME"]) == NAMES[language]
    assert str(calendar["X-WR-CALNAME"]) == NAMES[language]
    refresh = calendar["REFRESH-INTERVAL"]
    assert refresh.params["VALUE"] == "DURATION"
    assert refresh.dt > datetime.timedelta(0)
    # Outlook reads X-PUBLISHED-TTL instead; both ask for the same interval.
    assert vDuration.from_ical(str(calendar["X-PUBLISHED-TTL"])) == refresh.dt


def test_event_downloads_are_strictly_valid_for_timed_all_day_and_long_texts(client):
    start = timezone.now() + datetime.timedelta(days=20)
    timed = make_event(
        "Übergänge gestalten: Größere Öffentlichkeit für Städtepartnerschaften",
        start,
        end=start + datetime.timedelta(hours=2),
        time_zone="America/New_York",
        teaser="Äußerst ausführliche Überlegungen zu Städtepartnerschaften, " * 6,
        venue_name="Vereinte Nationen; Saal „Ökosoc“, Ebene 2",
    )
    all_day = make_event("Aktionstag", start)
    all_day.start_time = None
    all_day.save_revision().publish()

    timed_calendar = download(client, timed.url + "calendar/")
    [vevent] = timed_calendar.walk("VEVENT")
    assert str(vevent["summary"]) == timed.title
    assert str(vevent["location"]).startswith("Vereinte Nationen; Saal „Ökosoc“")
    assert vevent["dtstart"].params["TZID"] == "America/New_York"
    assert str(timed_calendar["NAME"]) == NAMES["de"]

    [day] = download(client, all_day.url + "calendar/").walk("VEVENT")
    assert day.decoded("dtstart") == all_day.start_date
    assert day.decoded("dtend") == all_day.start_date + datetime.timedelta(days=1)


def test_the_email_attachment_is_in_the_registrants_language(
    django_capture_on_commit_callbacks,
):
    french = EventPage.objects.get(
        locale__language_code="fr", slug="dialogue-en-ligne-partenariats"
    )
    without_double_opt_in(french)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(french, language="fr", name="Awa Diop", email="awa@example.org")
    [email] = mail.outbox
    [part] = email.attachments
    assert part.get_filename() == f"{french.slug}.ics"
    # iTIP (RFC 6047): the method is named on the part as in the file.
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "PUBLISH"
    calendar = strict_calendar(part.get_payload(decode=True))
    assert str(calendar["NAME"]) == NAMES["fr"]
    assert str(calendar["X-WR-CALNAME"]) == NAMES["fr"]
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == french.title
    assert str(vevent["url"]) == french.get_full_url()
    assert french.teaser and str(vevent["description"]).startswith(french.teaser)


def test_the_time_zone_in_the_file_covers_events_far_ahead(client):
    # Programs that trust the file's VTIMEZONE (Outlook) must see summer time in 2040 too.
    start = datetime.datetime(2040, 7, 3, 10, 0, tzinfo=datetime.UTC)
    event = make_event("Zukunftskonferenz", start, time_zone="Europe/Berlin")
    response = client.get(event.url + "calendar/")
    strict_calendar(response.content)
    local = datetime.datetime(2040, 7, 3, 12, 0)
    assert offset_by_vtimezone(response.content, "Europe/Berlin", local) == datetime.timedelta(
        hours=2
    )
    # And the winter before the first event still reads as winter time.
    winter = datetime.datetime(2040, 1, 3, 12, 0)
    assert offset_by_vtimezone(response.content, "Europe/Berlin", winter) == datetime.timedelta(
        hours=1
    )
