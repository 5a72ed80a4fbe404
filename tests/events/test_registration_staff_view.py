"""What staff see of registrations: one name per event, words instead of internals, local
times with their zone, readable exports."""

import csv
import datetime
import io
import zoneinfo

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration
from events.registration import export
from events.registration.services import register_for_event
from home.localization import get_locale
from home.models import StakeholderGroup
from tests.support.factories import make_event
from tests.support.html import soup
from tests.support.registration import (
    QUESTION_ID,
    language_question,
    on_site,
    without_double_opt_in,
)

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

# The French version of the language question: the same block, its words translated.
FRENCH_QUESTION = {
    **language_question(),
    "value": {**language_question()["value"], "label": "Langue préférée"},
}
FRENCH_QUESTION["value"]["options"] = ["allemand", "anglais"]


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    """A German event in New York's time zone with a question, translated into French, a
    person registered in German and one in French."""
    page = make_event(
        "Fachgespräch Partnerschaften",
        timezone.now() + datetime.timedelta(days=20),
        time_zone="America/New_York",
        registration=on_site(capacity=10, questions=[language_question()]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("fr")]).create_translations(page)
    french = page.get_translation(get_locale("fr"))
    french.title = "Table ronde partenariats"
    french.registration = on_site(capacity=10, questions=[FRENCH_QUESTION])
    french.save_revision().publish()
    group = StakeholderGroup.objects.filter(locale=get_locale("de")).first()
    without_double_opt_in(page)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(
            page,
            language="de",
            name="Jonas Weber",
            email="jonas@example.org",
            stakeholder_group=group.slug,
            answers={QUESTION_ID: 1},
        )
        register_for_event(french, language="fr", name="Élodie Martin", email="elodie@example.org")
    return EventPage.objects.get(pk=page.pk)


def admin_in(language, client):
    admin = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin)
    return client


def french_registration():
    return Registration.objects.get(email="elodie@example.org")


def text(response):
    assert response.status_code == 200
    return " ".join(soup(response).get_text(" ").split())


# --- Item 3: one event, one name -----------------------------------------------------------


def test_the_listing_names_each_event_by_its_source_title_with_the_persons_language(client, event):
    admin_in("de", client)
    listing = text(client.get("/admin/registrations/"))
    assert "Table ronde" not in listing
    assert listing.count("Fachgespräch Partnerschaften") >= 2
    page = soup(client.get("/admin/registrations/"))
    row = next(tr for tr in page.select("tbody tr") if "Élodie Martin" in tr.get_text())
    badge = row.select_one("[data-registration-language]")
    assert badge["data-registration-language"] == "fr"
    assert badge.get_text(strip=True) == "Französisch"
    assert "Fachgespräch Partnerschaften" in row.get_text()
    # Sorting by event goes by the source title too.
    werkstatt = make_event("Abendforum", registration=on_site(capacity=5))
    register_for_event(werkstatt, language="de", name="Anna Abend", email="anna@example.org")
    by_event = text(client.get("/admin/registrations/?ordering=source_event_title"))
    assert by_event.index("Anna Abend") < by_event.index("Jonas Weber")
    by_event = text(client.get("/admin/registrations/?ordering=-source_event_title"))
    assert by_event.index("Anna Abend") > by_event.index("Jonas Weber")


def test_the_listing_asks_no_query_per_registration(client, event):
    admin_in("de", client)
    client.get("/admin/registrations/")  # caches warmed
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/registrations/")
    for number in range(8):
        register_for_event(
            event, language="fr", name=f"Person {number}", email=f"p{number}@example.org"
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/registrations/")
    assert "Person 7" in response.content.decode()
    assert len(many) == len(few)


def test_the_event_filter_and_the_manage_page_use_the_source_title(client, event):
    admin_in("fr", client)
    listing_response = client.get("/admin/registrations/")
    options = [o.get_text() for o in soup(listing_response).select("select[name=event_key] option")]
    assert "Fachgespräch Partnerschaften" in options
    assert "Table ronde partenariats" not in options
    page = soup(client.get(f"/admin/registrations/{french_registration().pk}/manage/"))
    # The subjects of the emails sent quote them as the person got them, in French.
    subjects = [
        cell.extract().get_text(" ", strip=True) for cell in page.select("[data-email-subject]")
    ]
    assert subjects and all("Table ronde" in subject for subject in subjects)
    manage = " ".join(page.get_text(" ").split())
    assert "Fachgespräch Partnerschaften" in manage and "Table ronde" not in manage
    assert "français" in manage.lower()


# --- Item 4: the detail view in words ------------------------------------------------------


@pytest.mark.parametrize("view", ["inspect", "manage"])
def test_the_detail_view_shows_words_local_time_and_no_internals(client, event, view):
    admin_in("de", client)
    registration = Registration.objects.get(email="jonas@example.org")
    url = f"/admin/registrations/{view}/{registration.pk}/"
    if view == "manage":
        url = f"/admin/registrations/{registration.pk}/manage/"
    page = text(client.get(url))
    # The question and the chosen option, by their words.
    assert "Bevorzugte Sprache Englisch" in page
    assert QUESTION_ID not in page and QUESTION_ID[:8] not in page
    # No secret, no raw ids, no "None".
    assert str(registration.secret) not in page
    assert str(registration.event_key) not in page
    assert "Secret" not in page and "None" not in page
    # The source title, the person's language as a word.
    assert "Fachgespräch Partnerschaften" in page
    assert "Sprache Deutsch" in page
    # When, in the event's zone, with the zone named.
    local = registration.created_at.astimezone(NEW_YORK)
    assert f"{local:%H:%M} (New York, E" in page  # EST or EDT


def test_the_inspect_view_of_a_french_registration_names_the_source_event(client, event):
    admin_in("de", client)
    page = soup(client.get(f"/admin/registrations/inspect/{french_registration().pk}/"))
    badge = page.select_one("[data-registration-language]")
    assert badge.get_text(strip=True) == "Französisch"
    assert "Fachgespräch Partnerschaften" in badge.parent.get_text()
    assert "Table ronde" not in page.get_text()


# --- Item 12: readable exports -------------------------------------------------------------


def export_response(client, event, file_format):
    return client.get(f"/admin/events/{event.pk}/registrations/export/?format={file_format}")


def test_csv_export_is_for_german_excel_with_labels(client, event):
    admin_in("de", client)
    response = export_response(client, event, "csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # Excel reads the umlauts right
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Name", "E-Mail", "Organisation", "Akteursgruppe"]
    assert "Angemeldet am (America/New_York)" in header
    jonas = dict(zip(header, rows[1], strict=True))
    group = StakeholderGroup.objects.get(
        locale=get_locale("de"), slug=Registration.objects.get(name="Jonas Weber").stakeholder_group
    )
    assert jonas["Akteursgruppe"] == group.name
    assert jonas["Sprache"] == "Deutsch"
    assert jonas["Status"] == "Bestätigt"
    assert jonas["Bevorzugte Sprache"] == "Englisch"
    local = Registration.objects.get(name="Jonas Weber").created_at.astimezone(NEW_YORK)
    assert jonas["Angemeldet am (America/New_York)"] == f"{local:%Y-%m-%d %H:%M}"
    elodie = dict(zip(header, rows[2], strict=True))
    assert elodie["Sprache"] == "Französisch"


def test_xlsx_export_has_date_cells_and_a_bold_frozen_filtered_header(client, event):
    admin_in("de", client)
    sheet = load_workbook(io.BytesIO(export_response(client, event, "xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    # After the group: country, needs, language to follow the event in, status, attendance.
    assert header[3] == "Akteursgruppe" and header[9] == "Sprache"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}3"
    registered = sheet.cell(2, header.index("Angemeldet am (America/New_York)") + 1)
    assert isinstance(registered.value, datetime.datetime)
    local = Registration.objects.get(name="Jonas Weber").created_at.astimezone(NEW_YORK)
    assert registered.value == local.replace(tzinfo=None, microsecond=0) or abs(
        registered.value - local.replace(tzinfo=None)
    ) < datetime.timedelta(seconds=1)
    assert registered.is_date
    assert sheet.column_dimensions["B"].width >= len("elodie@example.org")
    assert [sheet.cell(row, 10).value for row in (2, 3)] == ["Deutsch", "Französisch"]


def test_the_export_in_french_uses_french_labels(client, event):
    admin_in("fr", client)
    sheet = load_workbook(io.BytesIO(export_response(client, event, "xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    assert "Langue" in header and "Language" not in header
    assert sheet.cell(3, header.index("Langue") + 1).value == "Français"


def test_rows_take_a_filtered_queryset_of_the_event(event):
    other = make_event("Andere", registration=on_site(capacity=5))
    register_for_event(other, language="de", name="Anderswo", email="other@example.org")
    with translation.override("de"):
        everyone = list(export.rows(event))
        only_french = list(
            export.rows(event, Registration.objects.filter(language="fr").order_by("name"))
        )
        csv_text = export.as_csv(event, Registration.objects.filter(language="fr"))
    assert [row[0] for row in everyone[1:]] == ["Jonas Weber", "Élodie Martin"]
    # Only the event's own registrations, even from a wider queryset.
    assert [row[0] for row in only_french[1:]] == ["Élodie Martin"]
    assert "Jonas" not in csv_text and "Anderswo" not in csv_text


# --- Item 4a/12: question words in the admin's language --------------------------------------


def test_a_french_admin_reads_the_questions_in_french_everywhere(client, event):
    admin_in("fr", client)
    jonas = Registration.objects.get(email="jonas@example.org")
    for url in (
        f"/admin/registrations/inspect/{jonas.pk}/",
        f"/admin/registrations/{jonas.pk}/manage/",
    ):
        page = text(client.get(url))
        assert "Langue préférée anglais" in page
        assert "Bevorzugte Sprache" not in page
    desk = soup(client.get(f"/admin/event-desk/{event.pk}/"))
    headings = [th.get_text(" ", strip=True) for th in desk.select("thead th")]
    assert "Langue préférée" in headings and "Bevorzugte Sprache" not in headings
    row = next(tr for tr in desk.select("tbody tr") if "Jonas Weber" in tr.get_text())
    assert "anglais" in row.get_text()
    # The filter by answer: its options in French, nothing left in German on the page.
    options = [radio.find_parent("label") for radio in desk.select("input[name=answer_0]")]
    assert "anglais" in [option.get_text(strip=True) for option in options if option]
    assert "Bevorzugte Sprache" not in desk.get_text()
    sheet = load_workbook(io.BytesIO(export_response(client, event, "xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    assert "Langue préférée" in header and "Bevorzugte Sprache" not in header
    assert sheet.cell(2, header.index("Langue préférée") + 1).value == "anglais"


def test_the_rules_of_the_questions_stay_the_sources(client, event):
    """A translation that drops an option cannot shift the answers: its words are used only
    where they match the source's options."""
    french = event.get_translation(get_locale("fr"))
    french.registration = on_site(
        capacity=10,
        questions=[
            {**FRENCH_QUESTION, "value": {**FRENCH_QUESTION["value"], "options": ["anglais"]}}
        ],
    )
    french.save_revision().publish()
    admin_in("fr", client)
    jonas = Registration.objects.get(email="jonas@example.org")
    page = text(client.get(f"/admin/registrations/inspect/{jonas.pk}/"))
    assert "Langue préférée Englisch" in page


def test_a_french_admin_sees_the_source_words_of_an_untranslated_event(client, event):
    french = event.get_translation(get_locale("fr"))
    french.unpublish()
    admin_in("fr", client)
    jonas = Registration.objects.get(email="jonas@example.org")
    assert "Bevorzugte Sprache Englisch" in text(
        client.get(f"/admin/registrations/inspect/{jonas.pk}/")
    )
