"""Checking people in at the door: the personal QR code (in the confirmation email and on
the personal page) leads organisers to exactly that person, a second check-in is reported
with when and by whom, forged codes and staff without the permission get nowhere, and
no-shows are marked one by one or, after the start, all at once."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone, translation
from django.utils.html import escape

from events.desk.access import CHANGE, REASONS
from events.models import Registration
from events.registration.attendance import check_in
from events.registration.qr import checkin_qr_svg, checkin_url
from events.registration.tokens import make_token, personal_path
from home.admin.roles import ORGANISERS
from tests.browser.support import make_staff
from tests.events.test_registration_admin import staff_user
from tests.support.emails import every_kind, html_of, register_directly, text_of
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

ATTENDED = Registration.Attendance.ATTENDED
NO_SHOW = Registration.Attendance.NO_SHOW


def in_person_event(title, start, **fields):
    return make_event(
        title,
        start,
        format="hybrid",
        venue_name="Rathaus",
        venue_city="Bonn",
        registration=on_site(capacity=3),
        end=start + datetime.timedelta(hours=4),
        **fields,
    )


@pytest.fixture
def event():
    """Started an hour ago: Anna and Ben confirmed, Clara on the waiting list."""
    page = in_person_event("Werkstatt vor Ort", timezone.now() - datetime.timedelta(hours=1))
    anna = register_directly(page, "de", "Anna Adler", "anna@example.org")
    anna.organisation = "Stadtwerke Bonn"
    anna.stakeholder_group = "government"
    anna.save()
    register_directly(page, "en", "Ben Brown", "ben@example.org")
    register_directly(page, "de", "Clara Weiss", "clara@example.org", status="waiting")
    return page


def person(name):
    return Registration.objects.get(name=name)


@pytest.fixture
def organiser(client):
    user = make_staff("door", [ORGANISERS], language="en")
    client.force_login(user)
    return user


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def checkin_page(event):
    return f"/admin/event-desk/{event.pk}/check-in/"


def person_page(event, registration):
    return f"/admin/event-desk/{event.pk}/check-in/{registration.pk}/"


def qr_path(registration):
    return urlsplit(checkin_url(registration)).path


def count_text(page):
    return page.select_one("[data-checkin-count]").get_text(" ", strip=True)


def messages_of(page):
    return [item.get_text(strip=True) for item in page.select("[data-message]")]


def test_the_qr_code_shows_the_person_and_one_button_checks_in_exactly_them(
    client, organiser, event
):
    anna = person("Anna Adler")
    shown = client.get(qr_path(anna), follow=True)
    assert shown.status_code == 200
    assert shown.redirect_chain[-1][0] == person_page(event, anna)
    page = soup_of(shown)
    assert page.select_one("[data-checkin-person]").get_text(strip=True) == "Anna Adler"
    assert "Stadtwerke Bonn" in page.get_text()
    assert "Government" in page.get_text()
    assert count_text(page) == "0 of 2 checked in"
    # Looking is not checking in (a phone's camera app may open the address by itself).
    assert person("Anna Adler").attendance == ""

    done = client.post(person_page(event, anna), {"action": "check_in"}, follow=True)
    page = soup_of(done)
    assert done.redirect_chain[-1][0] == checkin_page(event)
    assert messages_of(page) == ["Anna Adler is checked in."]
    assert count_text(page) == "1 of 2 checked in"
    anna = person("Anna Adler")
    assert anna.attendance == ATTENDED
    assert anna.attendance_source == "door"
    assert anna.checked_in_at is not None
    assert {(r.name, r.attendance) for r in Registration.objects.exclude(pk=anna.pk)} == {
        ("Ben Brown", ""),
        ("Clara Weiss", ""),
    }


def test_a_second_check_in_says_when_and_by_whom_the_first_was(client, organiser, event):
    anna = person("Anna Adler")
    today = timezone.now().astimezone(event.timing.zone).date()
    first = datetime.datetime.combine(today, datetime.time(10, 2), tzinfo=event.timing.zone)
    assert check_in(anna, user=organiser, now=first) == "checked_in"
    time = "10:02 a.m."  # the admin in English

    # The code scanned again: the page says so at once, with no check-in button.
    page = soup_of(client.get(qr_path(anna), follow=True))
    notice = page.select_one('[data-attendance="attended"]').get_text(strip=True)
    assert notice.startswith(f"Already checked in at {time}")
    assert "by door (at the door)" in notice
    assert not page.select('button[value="check_in"], input[value="check_in"]')

    # A second phone that still showed the button: reported, nothing changes.
    again = soup_of(client.post(person_page(event, anna), {"action": "check_in"}, follow=True))
    [message] = messages_of(again)
    assert message.startswith(f"Anna Adler: Already checked in at {time}")
    assert person("Anna Adler").checked_in_at == first
    assert count_text(again) == "1 of 2 checked in"


def test_forged_foreign_and_wrong_purpose_codes_check_nobody_in(client, organiser, event):
    anna = person("Anna Adler")
    token = make_token(anna, "checkin")
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    response = client.get(f"/admin/event-desk/check-in/{forged}/")
    assert response.status_code == 400
    assert "This check-in code is not valid" in response.content.decode()

    # The personal page's link is not a check-in code.
    response = client.get(f"/admin/event-desk/check-in/{make_token(anna, 'view')}/")
    assert response.status_code == 400

    # Scanned at another event's check-in: refused there.
    other = in_person_event("Andere Werkstatt", timezone.now() + datetime.timedelta(days=3))
    page = soup_of(client.get(checkin_page(other), {"code": checkin_url(anna)}, follow=True))
    assert messages_of(page) == ["This check-in code is for another event."]
    page = soup_of(client.get(checkin_page(event), {"code": f"x{forged}"}, follow=True))
    assert messages_of(page) == ["This check-in code is not valid."]
    assert not Registration.objects.exclude(attendance="").exists()

    # The right code scanned at the right desk leads to the person.
    response = client.get(checkin_page(event), {"code": checkin_url(anna)})
    assert response.url == person_page(event, anna)


def test_only_staff_who_may_change_registrations_check_people_in(client, event):
    anna = person("Anna Adler")
    client.force_login(staff_user("viewer", "view_registration"))
    with translation.override("de"):  # the language of staff who chose none
        refusal = str(REASONS[CHANGE])
    for response in (
        client.get(checkin_page(event)),
        client.get(qr_path(anna)),
        client.get(person_page(event, anna)),
        client.post(person_page(event, anna), {"action": "check_in"}),
        client.post(f"/admin/event-desk/{event.pk}/no-shows/"),
    ):
        assert response.status_code == 403
        assert escape(refusal) in response.content.decode()
    client.logout()
    response = client.post(person_page(event, anna), {"action": "check_in"})
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert not Registration.objects.exclude(attendance="").exists()


def test_searching_by_name_finds_people_and_checks_in_only_confirmed_ones(client, organiser, event):
    page = soup_of(client.get(checkin_page(event), {"q": "weiss"}))
    [result] = page.select("[data-checkin-results] li")
    assert "Clara Weiss" in result.get_text()
    assert "Waiting list" in result.get_text()
    assert not result.select("button")
    refused = soup_of(
        client.post(person_page(event, person("Clara Weiss")), {"action": "check_in"}, follow=True)
    )
    assert "Clara Weiss has no confirmed place (Waiting list)" in messages_of(refused)[0]
    assert person("Clara Weiss").attendance == ""

    page = soup_of(client.get(checkin_page(event), {"q": "anna adl"}))
    [result] = page.select("[data-checkin-results] li")
    assert result.select_one("button").get("aria-label") == "Check in Anna Adler"
    assert "Nobody registered" in client.get(checkin_page(event), {"q": "Zoe"}).content.decode()


def test_a_no_show_is_marked_at_the_desk_and_can_be_undone(client, organiser, event):
    ben = person("Ben Brown")
    page = soup_of(client.post(person_page(event, ben), {"action": "no_show"}, follow=True))
    assert messages_of(page) == ["Ben Brown is marked as not attended."]
    assert count_text(page) == "0 of 2 checked in · 1 no-show"
    assert person("Ben Brown").attendance == NO_SHOW

    # He turns up after all: checked in, the no-show is gone.
    client.post(person_page(event, ben), {"action": "check_in"})
    assert person("Ben Brown").attendance == ATTENDED
    # A checked-in person is not marked as no-show by mistake.
    page = soup_of(client.post(person_page(event, ben), {"action": "no_show"}, follow=True))
    assert "Ben Brown: Already checked in" in messages_of(page)[-1]
    assert person("Ben Brown").attendance == ATTENDED
    client.post(person_page(event, ben), {"action": "undo"})
    assert person("Ben Brown").attendance == ""
    assert person("Ben Brown").checked_in_at is None


def test_after_the_start_everyone_not_checked_in_is_marked_as_no_show_when_confirmed(
    client, organiser, event
):
    check_in(person("Anna Adler"))
    url = f"/admin/event-desk/{event.pk}/no-shows/"
    asked = soup_of(client.get(url))
    assert "Mark 1 confirmed person who has not been checked in as not attended?" in (
        asked.select_one("[data-confirm-no-shows]").get_text(" ", strip=True)
    )
    assert person("Ben Brown").attendance == ""

    page = soup_of(client.post(url, follow=True))
    assert messages_of(page) == ["1 person not checked in is marked as not attended."]
    assert {r.name: r.attendance for r in Registration.objects.all()} == {
        "Anna Adler": ATTENDED,
        "Ben Brown": NO_SHOW,
        "Clara Weiss": "",  # waiting: she never had a place to come to
    }


def test_before_the_start_nobody_is_marked_as_no_show(client, organiser):
    later = in_person_event("Später", timezone.now() + datetime.timedelta(days=2))
    register_directly(later, "de", "Dana Dorn", "dana@example.org")
    page = soup_of(client.post(f"/admin/event-desk/{later.pk}/no-shows/", follow=True))
    assert messages_of(page) == ["No-shows can only be marked once the event has begun."]
    assert Registration.objects.get(name="Dana Dorn").attendance == ""


def test_the_confirmation_email_and_the_personal_page_carry_the_check_in_code(client, event):
    anna = person("Anna Adler")
    emails = every_kind(anna, kinds=["confirmation", "waiting"])
    html = html_of(emails["confirmation"])
    svg = BeautifulSoup(html, "html.parser").select_one("svg.checkin-code")
    assert svg["aria-label"]
    # The same code the desk reads: the address of Anna's check-in.
    expected = BeautifulSoup(str(checkin_qr_svg(anna)), "html.parser").select_one("path")
    assert svg.select_one("path")["d"] == expected["d"]
    assert "QR" in text_of(emails["confirmation"])
    assert "svg" not in html_of(emails["waiting"])

    status = client.get(personal_path(event, anna, "view"))
    page = soup_of(status)
    assert page.select_one("[data-checkin-code] svg path")["d"] == expected["d"]
    clara = person("Clara Weiss")
    assert not soup_of(client.get(personal_path(event, clara, "view"))).select(
        "[data-checkin-code]"
    )


def test_online_events_have_no_check_in_code(client):
    online = make_event(
        "Online-Werkstatt",
        timezone.now() + datetime.timedelta(days=5),
        online_url="https://meet.example.org/x",
        registration=on_site(capacity=3),
    )
    dana = register_directly(online, "de", "Dana Dorn", "dana@example.org")
    email = every_kind(dana, kinds=["confirmation"])["confirmation"]
    assert "checkin-code" not in html_of(email)
    assert not re.search(r"QR", text_of(email))
