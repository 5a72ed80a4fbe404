"""Staff and registrations: who sees them, exports, handling by hand, retention."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Registration
from events.registration.services import register_for_event
from tests.support.commands import run_command
from tests.support.factories import make_event
from tests.support.registration import (
    QUESTION_ID,
    language_question,
    on_site,
    without_double_opt_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    page = make_event(
        "Werkstatt",
        timezone.now() + datetime.timedelta(days=4),
        registration=on_site(capacity=1, questions=[language_question()]),
    )
    without_double_opt_in(page)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(
            page,
            language="de",
            name='=HYPERLINK("http://evil.example")',
            email="first@example.org",
            organisation="Rat für Nachhaltigkeit",
            answers={QUESTION_ID: 1},
        )
        register_for_event(page, language="fr", name="Camille", email="second@example.org")
    return page


def staff_user(username, *permissions):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw-123456789")
    group = Group.objects.create(name=f"group-{username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def test_an_editor_without_the_permission_sees_no_registrations(client, event):
    editor = staff_user("editor")
    client.force_login(editor)
    assert client.get("/admin/registrations/").status_code in (302, 403)
    export = client.get(f"/admin/events/{event.pk}/registrations/export/")
    assert export.status_code in (302, 403)
    assert b"first@example.org" not in export.content
    listing = client.get("/admin/events/").content.decode()
    assert "first@example.org" not in listing
    assert "Anmeldungen" not in listing and "Registrations" not in listing


def test_an_organiser_sees_the_list_of_registrations(client, event):
    organiser = staff_user(
        "organiser", "view_registration", "change_registration", "export_registration"
    )
    client.force_login(organiser)
    listing = client.get("/admin/registrations/")
    assert listing.status_code == 200
    assert "first@example.org" in listing.content.decode()
    filtered = client.get(f"/admin/registrations/?status=waiting&event_key={event.translation_key}")
    assert "second@example.org" in filtered.content.decode()
    assert "first@example.org" not in filtered.content.decode()


def test_the_event_listing_shows_counts_to_those_allowed(client, event):
    client.force_login(get_user_model().objects.get(username="admin"))
    events = client.get("/admin/events/").content.decode()
    assert "1 / 1 (1 wartend)" in events


def test_csv_export_has_question_columns_and_neutralised_formulas(client, event):
    client.force_login(staff_user("exporter", "view_registration", "export_registration"))
    response = client.get(f"/admin/events/{event.pk}/registrations/export/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["Name", "E-Mail"]
    assert header[-1] == "Bevorzugte Sprache"
    first = dict(zip(header, rows[1], strict=True))
    assert first["Name"].startswith("'=HYPERLINK")  # shown as text, never run
    assert first["Bevorzugte Sprache"] == "Englisch"
    assert first["Status"] == "Bestätigt"
    assert len(rows) == 3


def test_csv_export_runs_no_formula_in_german_or_english_excel(client, event):
    register_for_event(
        event,
        language="de",
        name='=HYPERLINK("http://evil.example","Klick")',
        email="third@example.org",
        organisation="ACME;=1+1",
        accessibility_needs="Rollstuhl,@SUM(1+1)\tund -2+3",
    )
    client.force_login(staff_user("splitter", "view_registration", "export_registration"))
    response = client.get(f"/admin/events/{event.pk}/registrations/export/?format=csv")
    text = response.content.decode("utf-8-sig")
    # Excel splits each line on the list separator of its language (";" in German, ","
    # in English) and reads every part that starts like a formula as one.
    for delimiter in (";", ","):
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for field in row:
                assert not field.startswith(("=", "+", "-", "@", "\t", "\r")), (delimiter, row)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    third = dict(zip(header, rows[3], strict=True))
    # Still readable: the text is all there, only marked as text.
    assert "ACME" in third["Organisation"] and "1+1" in third["Organisation"]
    assert "HYPERLINK" in third["Name"] and "evil.example" in third["Name"]
    assert third["E-Mail"] == "third@example.org"


def test_xlsx_export_opens_with_the_same_rows(client, event):
    client.force_login(staff_user("xlsx", "view_registration", "export_registration"))
    response = client.get(f"/admin/events/{event.pk}/registrations/export/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][-1] == "Bevorzugte Sprache"
    assert values[1][0].startswith("'=")
    assert values[2][0] == "Camille"


def test_staff_cancel_promotes_the_next_and_emails_them(
    client, event, django_capture_on_commit_callbacks
):
    client.force_login(staff_user("manager", "view_registration", "change_registration"))
    first = Registration.objects.get(email="first@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/registrations/{first.pk}/manage/",
            {"action": "cancel", "confirmed": "1"},
            follow=True,
        )
    assert response.status_code == 200
    assert Registration.objects.get(email="second@example.org").status == "offered"
    with translation.override("de"):  # the admin's language (the default)
        told = gettext("The place was offered to %(name)s from the waiting list.")
    assert told % {"name": "Camille"} in response.text
    offered = [m for m in mail.outbox if m.to == ["second@example.org"]]
    assert len(offered) == 1 and "place" in offered[0].subject.lower()  # French: "place"
    assert "/offer/" in offered[0].body


def test_staff_cancel_asks_first_and_changes_nothing(client, event):
    client.force_login(staff_user("careful", "view_registration", "change_registration"))
    first = Registration.objects.get(email="first@example.org")
    mail.outbox.clear()
    response = client.post(f"/admin/registrations/{first.pk}/manage/", {"action": "cancel"})
    assert "first@example.org" in response.content.decode()
    assert b'name="confirmed" value="1"' in response.content
    first.refresh_from_db()
    assert first.status == "confirmed" and not mail.outbox


def test_staff_resend_sends_the_email_again(client, event):
    client.force_login(staff_user("resender", "view_registration", "change_registration"))
    second = Registration.objects.get(email="second@example.org")
    mail.outbox.clear()
    client.post(f"/admin/registrations/{second.pk}/manage/", {"action": "resend"})
    assert [m.to for m in mail.outbox] == [["second@example.org"]]


def test_staff_resend_after_an_already_registered_notice_sends_the_confirmation(
    client, event, django_capture_on_commit_callbacks
):
    from events.registration.services import notify_already_registered

    first = Registration.objects.get(email="first@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify_already_registered(first)  # someone tried the address again
    client.force_login(staff_user("resender", "view_registration", "change_registration"))
    mail.outbox.clear()
    client.post(f"/admin/registrations/{first.pk}/manage/", {"action": "resend"})
    assert [m.subject for m in mail.outbox] == ["Ihre Anmeldung: Werkstatt"]
    assert list(first.messages.values_list("kind", flat=True)) == [
        "confirmation",
        "already_registered",
        "confirmation",
    ]


def test_staff_resend_for_a_cancelled_registration_sends_the_cancellation(
    client, event, django_capture_on_commit_callbacks
):
    from events.registration.services import cancel_registration, notify_already_registered

    first = Registration.objects.get(email="first@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify_already_registered(first)
        cancel_registration(first)
    client.force_login(staff_user("resender", "view_registration", "change_registration"))
    mail.outbox.clear()
    client.post(f"/admin/registrations/{first.pk}/manage/", {"action": "resend"})
    assert [m.subject for m in mail.outbox] == ["Anmeldung storniert: Werkstatt"]


def test_purge_dry_run_reports_and_real_run_anonymises(event):
    later = event.ends_at + datetime.timedelta(days=91)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        output = run_command("purge_registrations", "--days", "90", "--dry-run")
        assert "would anonymise 2 registration(s) of 1 event(s)" in output
        assert Registration.objects.filter(email="first@example.org").exists()
        call_command("purge_registrations", "--days", "90")
    assert not Registration.objects.filter(email__endswith="example.org").exists()
    remaining = Registration.objects.filter(event_key=event.translation_key)
    assert remaining.count() == 2
    assert set(remaining.values_list("name", flat=True)) == {""}
    assert remaining.filter(status="confirmed").count() == 1


def test_purge_leaves_events_within_the_retention_period(event):
    call_command("purge_registrations", "--days", "90")
    assert Registration.objects.filter(email="first@example.org").exists()


def test_staff_find_registrations_whose_email_failed(client, event):
    first = Registration.objects.get(email="first@example.org")
    first.messages.update(status="failed", last_error="SMTPServerDisconnected")
    client.force_login(staff_user("checker", "view_registration", "change_registration"))
    listing = client.get("/admin/registrations/?email_failed=true").content.decode()
    assert "first@example.org" in listing and "second@example.org" not in listing
    manage = client.get(f"/admin/registrations/{first.pk}/manage/").content.decode()
    assert "SMTPServerDisconnected" in manage


def test_an_event_takes_at_most_one_registration_block():
    from wagtail.blocks import StreamBlockValidationError

    from events.blocks import RegistrationBlock

    block = RegistrationBlock()
    value = block.to_python(
        [
            {
                "type": "external",
                "value": {"url": "https://example.org/form", "button_label": "Go"},
            },
            {"type": "on_site", "value": {"capacity": 10, "waiting_list": True, "questions": []}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "höchstens eine Anmeldung" in str(error.value.non_block_errors)
