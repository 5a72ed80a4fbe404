"""Reports for funders: registrations, attendance, no-show rate and the stakeholder mix per
event and for the whole campaign; charts readable without colour; exports without personal
data; open to who may see registrations; the dashboard's mix charts counted at once."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from events.models import Registration, RegistrationList
from events.registration.retention import purge
from events.reports import campaign_figures, event_figures
from home.admin.roles import EDITORS, ORGANISERS
from home.localization import get_locale
from home.models import StakeholderGroup
from tests.support.factories import make_event
from tests.support.registration import on_site
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

Status = Registration.Status
ATTENDED = Registration.Attendance.ATTENDED
NO_SHOW = Registration.Attendance.NO_SHOW


def groups():
    """Two stakeholder groups of the demo site: (slug, German name, English name)."""
    found = []
    for group in StakeholderGroup.objects.filter(locale=get_locale("de")).order_by("pk")[:2]:
        english = StakeholderGroup.objects.get(locale=get_locale("en"), slug=group.slug)
        found.append((group.slug, group.name, english.name))
    assert len(found) == 2 and found[0][1] != found[0][2]
    return found


def register(event, group, status=Status.CONFIRMED, attendance="", number=1, name="Person"):
    for position in range(number):
        Registration.objects.create(
            event_key=event.translation_key,
            page=event,
            language="de",
            status=status,
            attendance=attendance,
            name=f"{name} {position}",
            email=f"{name.lower().replace(' ', '.')}.{position}.{group}@example.org",
            organisation="Geheime Organisation GmbH",
            stakeholder_group=group,
            consent_at=timezone.now(),
        )


@pytest.fixture
def event():
    """An event that has taken place: 4 + 2 confirmed in two groups (3 of the first came,
    1 did not, 1 of the second came), 2 waiting, 1 cancelled, 1 confirmed without a group
    (10 rows); and, kept
    from deleted registrations, 5 confirmed of the second group (4 came, 1 did not)."""
    (first, _de, _en), (second, _de2, _en2) = groups()
    page = make_event(
        "Forum der Partnerschaften",
        timezone.now() - datetime.timedelta(days=3),
        registration=on_site(capacity=30),
    )
    register(page, first, attendance=ATTENDED, number=3, name="Anna Gast")
    register(page, first, attendance=NO_SHOW, name="Ben Fern")
    register(page, second, attendance=ATTENDED, name="Carla Da")
    register(page, second, name="Dora Offen")
    register(page, first, Status.WAITING, number=2, name="Emil Wartend")
    register(page, second, Status.CANCELLED, name="Fritz Weg")
    register(page, "", name="Gerda Ohne")
    RegistrationList.objects.create(
        event_key=page.translation_key,
        archived_counts={second: {"confirmed": 5, "attended": 4, "no_show": 1}},
    )
    return page


def staff_in(language, client, user=None):
    user = user or member_of(ORGANISERS)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def page_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def figure(page, name):
    return page.select_one(f'[data-figure="{name}"] dd').text.strip()


def test_the_figures_count_rows_kept_and_deleted_registrations(event):
    (first, *_), (second, *_) = groups()
    figures = event_figures(event)
    # 10 rows, and the 5 confirmed kept from deleted registrations.
    assert figures.registrations == 15
    assert figures.confirmed == 4 + 2 + 1 + 5
    assert (figures.waiting, figures.cancelled) == (2, 1)
    assert (figures.attended, figures.no_shows) == (3 + 1 + 4, 1 + 1)
    # No-shows among those whose attendance was recorded, not among all registered.
    assert figures.recorded == 10 and figures.no_show_rate == pytest.approx(0.2)
    assert figures.groups[first].confirmed == 4 and figures.groups[first].waiting == 2
    assert figures.groups[second].confirmed == 2 + 5
    assert figures.groups[second].attended == 1 + 4
    assert figures.groups[""].confirmed == 1


def test_places_offered_unconfirmed_and_lapsed_registrations_add_up_to_the_total(event):
    (first, *_), _second = groups()
    register(event, first, Status.OFFERED, name="Hanna Angebot")
    register(event, first, Status.PENDING, name="Ida Unbestaetigt")
    register(event, first, Status.EXPIRED, name="Jan Verfallen")
    figures = event_figures(event)
    assert figures.registrations == 15 + 3
    assert (figures.open, figures.cancelled) == (2, 1 + 1)
    assert figures.registrations == (
        figures.confirmed + figures.waiting + figures.open + figures.cancelled
    )


def test_anonymised_registrations_still_count(event):
    (first, *_), _second = groups()
    before = event_figures(event)
    assert purge(days=1) >= 10
    assert not Registration.objects.filter(name="Anna Gast 0").exists()
    after = event_figures(event)
    assert after == before
    assert after.groups[first].attended == 3


def test_no_show_rate_is_not_claimed_without_recorded_attendance():
    (first, *_), _second = groups()
    page = make_event("Noch offen", timezone.now() + datetime.timedelta(days=3))
    register(page, first, number=2)
    figures = event_figures(page)
    assert figures.no_show_rate is None and figures.no_show_percent is None


def test_event_report_shows_figures_and_the_mix_in_the_staff_language(client, event):
    (first, first_de, first_en), (second, second_de, second_en) = groups()
    page = page_of(staff_in("en", client).get(f"/admin/event-desk/{event.pk}/report/"))
    assert figure(page, "registrations") == "15"
    assert figure(page, "attended") == "8"
    assert figure(page, "no_show_rate") == "20 %"
    assert "among the 10 people whose attendance was recorded" in page.text
    chart = page.select_one("[data-mix-chart]")
    svg = chart.select_one("svg")
    assert svg["role"] == "img"
    assert svg.select_one("title").text.strip()
    # The description says every group's numbers in words.
    description = svg.select_one("desc").text
    assert f"{first_en}: 4 confirmed, 2 waiting, 3 attended" in description
    assert f"{second_en}: 7 confirmed, 0 waiting, 5 attended" in description
    # Every bar carries its number as text, and the group's name is written out.
    bars = chart.select_one(f'g[data-group="{first_en}"]')
    assert [text.text for text in bars.select("text[data-value]")] == ["4", "2", "3"]
    assert first_de not in chart.text
    # Each series has its own pattern, and the legend says which is which in words.
    fills = {rect["data-series"]: rect["fill"] for rect in bars.select("rect[data-series]")}
    assert len(set(fills.values())) == 3
    legend = [item.text.strip() for item in chart.select("[data-mix-legend] li")]
    assert legend == ["Confirmed", "Waiting list", "Attended"]
    # The same figures as a table.
    table = chart.select_one("details table[data-mix-table]")
    row = next(tr for tr in table.select("tbody tr") if tr.th.text == second_en)
    assert [td.text for td in row.select("td")] == ["7", "0", "5"]
    assert "Anna Gast" not in page.text


def test_the_desk_shows_the_live_mix_in_german(client, event):
    (first, first_de, _en), _second = groups()
    page = page_of(staff_in("de", client).get(f"/admin/event-desk/{event.pk}/"))
    live = page.select_one("[data-live-mix]")
    bars = live.select_one(f'g[data-group="{first_de}"]')
    assert [text.text for text in bars.select("text[data-value]")] == ["4", "2", "3"]
    assert live.select_one(f'a[href="/admin/event-desk/{event.pk}/report/"]')


def test_campaign_report_names_events_by_their_source_title(client, event):
    TranslationCreator(user=None, target_locales=[get_locale("en")]).create_translations(event)
    english = event.get_translation(get_locale("en"))
    english.title = "Partnership forum"
    english.save_revision().publish()
    register(english, groups()[0][0], name="Hanna English")
    total, _rows = campaign_figures()
    page = page_of(staff_in("en", client).get("/admin/event-desk/reports/"))
    row = page.select_one(f'[data-report-event="{event.pk}"]')
    assert row.th.text == "Forum der Partnerschaften"
    assert [td.text.strip() for td in row.select("td")][1:] == [
        "16",
        "13",
        "2",
        "0",
        "1",
        "8",
        "2",
        "20 %",
    ]
    assert "Partnership forum" not in page.text
    assert figure(page, "registrations") == str(total.registrations)
    assert total.registrations == Registration.objects.count() + 5


def read_csv(response):
    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def test_event_csv_has_the_figures_and_no_personal_data(client, event):
    (_first, _de, first_en), _second = groups()
    response = staff_in("en", client).get(f"/admin/event-desk/{event.pk}/report/export/")
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    header = rows[0]
    assert header[:4] == ["Event", "Start date", "Stakeholder group", "Registrations"]
    total = dict(zip(header, rows[1], strict=True))
    assert total["Event"] == "Forum der Partnerschaften"
    assert total["Stakeholder group"] == "All groups"
    assert (total["Registrations"], total["Attended"], total["No-shows"]) == ("15", "8", "2")
    assert total["No-show rate (% of attendance recorded)"] == "20.0"
    first = next(dict(zip(header, row, strict=True)) for row in rows if row[2] == first_en)
    assert (first["Confirmed"], first["Waiting list"], first["Attended"]) == ("4", "2", "3")
    text = response.content.decode("utf-8")
    for personal in ("Anna Gast", "anna.gast", "@example.org", "Geheime Organisation"):
        assert personal not in text


def test_campaign_xlsx_has_the_figures_and_no_personal_data(client, event):
    response = staff_in("en", client).get("/admin/event-desk/reports/export/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    ours = next(row for row in rows if row[0] == "Forum der Partnerschaften")
    assert ours[header.index("Registrations")] == 15
    assert ours[header.index("No-shows")] == 2
    assert ours[header.index("No-show rate (% of attendance recorded)")] == 20.0  # a number
    whole = next(row for row in rows if row[0] == "Whole campaign")
    assert whole[header.index("Registrations")] == Registration.objects.count() + 5
    cells = " ".join(str(value) for row in rows for value in row)
    for personal in ("Anna Gast", "@example.org", "Geheime Organisation"):
        assert personal not in cells


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_csv_writes_the_no_show_rate_as_the_reporters_language_does(client, event, language):
    """A German or French spreadsheet reads "16.7" as text (or a date): "16,7" it adds up."""
    staff_in(language, client)
    for address in (
        f"/admin/event-desk/{event.pk}/report/export/",
        "/admin/event-desk/reports/export/?format=csv",
    ):
        response = client.get(address)
        header, *rows = read_csv(response)
        with translation.override(language):
            rate = header.index(translation.gettext("No-show rate (% of attendance recorded)"))
        rates = {row[rate] for row in rows if row[rate]}
        # All groups 2 of 10, the first group 1 of 4, the second 1 of 6 (5 of them deleted).
        assert {"20,0", "25,0", "16,7"} <= rates
        assert not any("." in value for value in rates)


@pytest.mark.parametrize(
    "address",
    [
        "/admin/event-desk/reports/",
        "/admin/event-desk/reports/export/",
        "/admin/event-desk/{pk}/report/",
        "/admin/event-desk/{pk}/report/export/?format=xlsx",
    ],
)
def test_staff_who_may_not_see_registrations_get_no_report(client, event, address):
    client.force_login(member_of(EDITORS))
    response = client.get(address.format(pk=event.pk))
    assert response.status_code == 403
    assert b"Forum der Partnerschaften" not in response.content


def test_the_reports_menu_item_is_for_organisers_only(client):
    client.force_login(member_of(EDITORS))
    assert b"/admin/event-desk/reports/" not in client.get("/admin/").content
    client.force_login(member_of(ORGANISERS))
    assert b"/admin/event-desk/reports/" in client.get("/admin/").content


def upcoming(title, hours, group):
    page = make_event(
        title, timezone.now() + datetime.timedelta(hours=hours), registration=on_site(capacity=9)
    )
    register(page, group, number=2, name=title)
    register(page, group, Status.WAITING, name=title + " Warten")
    return page


def dashboard_queries(client):
    """The dashboard and its number of queries, once the caches that publishing an event
    renews (view restrictions, group names) are filled again."""
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    return page_of(response), len(queries)


def test_dashboard_shows_a_mix_chart_per_upcoming_event_counted_at_once(client):
    (first, _de, first_en), _second = groups()
    staff_in("en", client, get_user_model().objects.get(username="admin"))
    events = [upcoming("Bald eins", 10, first)]
    page, with_one = dashboard_queries(client)
    panel = page.select_one("#upcoming-events-section")
    chart = panel.select_one(f'[data-upcoming-mix="{events[0].pk}"] [data-mix-chart]')
    bars = chart.select_one(f'g[data-group="{first_en}"]')
    assert [text.text for text in bars.select("text[data-value]")] == ["2", "1", "0"]
    summary = panel.select_one(f'a[href="/admin/pages/{events[0].pk}/edit/"]').find_parent("tr")
    assert summary.select_one("[data-registrations]").text.strip() == "2 / 9 (1 waiting)"
    events += [upcoming("Bald zwei", 20, first), upcoming("Bald drei", 30, first)]
    page, with_three = dashboard_queries(client)
    assert len(page.select("[data-upcoming-mix] [data-mix-chart]")) >= 3
    assert with_three == with_one


def test_editors_see_no_mix_on_the_dashboard(client):
    upcoming("Bald eins", 10, groups()[0][0])
    client.force_login(member_of(EDITORS))
    page = page_of(client.get("/admin/"))
    assert page.select("[data-mix-chart]") == []
