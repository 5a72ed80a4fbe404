"""Attendance of an online event from the conferencing tool's participant list: matched by
email address, with a report staff can act on (who was marked, who was not registered,
duplicates, rows without an address), and nothing saved from a file that cannot be read."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.models import Registration
from events.registration.attendance import (
    AttendanceFileError,
    check_in,
    read_participant_list,
)
from home.admin.roles import ORGANISERS
from tests.browser.support import make_staff
from tests.events.test_registration_admin import staff_user
from tests.support.emails import register_directly
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

ATTENDED = Registration.Attendance.ATTENDED

# A German Zoom export: the meeting's details first, then the participants; semicolons,
# a byte order mark, addresses in another case, one person twice, a guest not registered,
# a dial-in participant without an address and someone from the waiting list.
ZOOM_EXPORT = (
    "\ufeffThema;Meeting-ID;Dauer (Minuten)\n"
    "Online-Werkstatt;812 3456 7890;95\n"
    "\n"
    "Name (ursprünglicher Name);E-Mail;Dauer (Minuten);Gast\n"
    "Anna Adler; Anna@Example.org ;90;Nein\n"
    "Ben Brown;ben@example.org;85;Nein\n"
    "Anna Adler (Tablet);anna@example.org;12;Nein\n"
    "Gast 1;gast@example.net;40;Ja\n"
    "+49 228 123456;;30;Ja\n"
    "Clara Weiss;clara@example.org;60;Nein\n"
    "Gast 1;GAST@example.net;5;Ja\n"
).encode()


@pytest.fixture
def event():
    """An online event that took place yesterday: Anna, Ben and Dora confirmed, Clara on
    the waiting list."""
    page = make_event(
        "Online-Werkstatt",
        timezone.now() - datetime.timedelta(days=1),
        online_url="https://meet.example.org/werkstatt",
        registration=on_site(capacity=3),
    )
    for name in ("Anna Adler", "Ben Brown", "Dora Dietz"):
        register_directly(page, "de", name, f"{name.split()[0].lower()}@example.org")
    register_directly(page, "en", "Clara Weiss", "clara@example.org", status="waiting")
    return page


@pytest.fixture
def organiser(client):
    client.force_login(make_staff("online-desk", [ORGANISERS], language="en"))


def upload(client, event, content, name="participants.csv"):
    return client.post(
        f"/admin/event-desk/{event.pk}/attendance-import/",
        {"participants": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def report_of(response):
    page = BeautifulSoup(response.content, "html.parser")
    report = page.select_one("[data-import-report]")
    numbers = {dd["data-report"]: int(dd.get_text()) for dd in report.select("dd[data-report]")}
    lists = {
        ul["data-list"]: [li.get_text(strip=True) for li in ul.select("li")]
        for ul in report.select("ul[data-list]")
    }
    return numbers, lists


def attendance():
    return {r.name: (r.attendance, r.attendance_source) for r in Registration.objects.all()}


def test_a_participant_list_marks_who_came_and_reports_the_rest(client, organiser, event):
    response = upload(client, event, ZOOM_EXPORT)
    assert response.status_code == 200
    numbers, lists = report_of(response)
    assert numbers == {
        "attended": 2,
        "already": 0,
        "not-registered": 1,
        "without-place": 1,
        "duplicates": 2,
        "without-address": 1,
    }
    assert lists == {
        "not-registered": ["gast@example.net"],
        "without-place": ["clara@example.org"],
        "duplicates": ["anna@example.org", "gast@example.net"],
    }
    assert attendance() == {
        "Anna Adler": (ATTENDED, "import"),
        "Ben Brown": (ATTENDED, "import"),
        "Dora Dietz": ("", ""),
        "Clara Weiss": ("", ""),
    }

    # The same list again (or a second tool's): nobody is counted twice.
    numbers, _lists = report_of(upload(client, event, ZOOM_EXPORT))
    assert numbers["attended"] == 0
    assert numbers["already"] == 2


def test_people_checked_in_at_the_door_count_as_already_marked(client, organiser, event):
    check_in(Registration.objects.get(name="Dora Dietz"))
    content = b"User Email,Name\ndora@example.org,Dora\nben@example.org,Ben\n"
    numbers, _lists = report_of(upload(client, event, content))
    assert (numbers["attended"], numbers["already"]) == (1, 1)
    assert Registration.objects.get(name="Dora Dietz").attendance_source == "door"


@pytest.mark.parametrize(
    "content",
    [
        b"Email,Name\nana@example.org,Ana\n",
        "\ufeffCourriel;Nom\nana@example.org;Ana\n".encode(),
        b"Name,User Email,Join Time\nAna,ana@example.org,10:00\n",
        "Name\tE-Mail-Adresse\nAna\tana@example.org\n".encode("utf-16"),
        b'"Name","Attendee Email"\r\n"Souza, Ana","ana@example.org"\r\n',
    ],
    ids=["email", "courriel-bom-semicolon", "zoom-user-email", "utf16-tab", "quoted"],
)
def test_the_email_column_is_found_by_its_header(content):
    assert read_participant_list(content) == (["ana@example.org"], 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Email,Name\nanna@example.org,Anna\nben@example.org,B\xe9n\n", "not a UTF-8 text file"),
        (b"Name,Duration\nAnna,90\n", "No column with email addresses was found"),
        (b"", "The file is empty."),
        (b'Email,Name\nanna@example.org,"Anna\nben@example.org,Ben\n', "not a readable CSV"),
    ],
    ids=["latin-1", "no-email-column", "empty", "unclosed-quote"],
)
def test_a_file_that_cannot_be_read_saves_nothing_and_says_why(
    client, organiser, event, content, message
):
    with pytest.raises(AttendanceFileError):
        read_participant_list(content)
    response = upload(client, event, content)
    assert response.status_code == 400
    error = BeautifulSoup(response.content, "html.parser").select_one("[data-import-error]")
    assert error.get_text(strip=True).startswith("Nothing was saved.")
    assert message in error.get_text()
    assert not Registration.objects.exclude(attendance="").exists()


def test_only_staff_who_may_change_registrations_import_attendance(client, event):
    client.force_login(staff_user("reader", "view_registration"))
    response = upload(client, event, ZOOM_EXPORT)
    assert response.status_code == 403
    assert not Registration.objects.exclude(attendance="").exists()
