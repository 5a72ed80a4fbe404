"""The event desk: an event's counts, registrations, filters, exports and actions for the
organisers who run its registration, and no dead end among the links they are shown."""

import csv
import datetime
import io
import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Registration
from events.registration.services import cancel_registration, register_for_event
from home.admin.roles import EDITORS, ORGANISERS, PUBLISHERS
from tests.browser.support import make_staff
from tests.support.factories import make_event
from tests.support.registration import language_question, on_site, without_double_opt_in
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

PEOPLE = [
    # name, language, stakeholder group, needs, answer (0 Deutsch, 1 Englisch)
    ("Anna Adler", "de", "civil-society", "Gebärdensprache (DGS)", 0),
    ("Ben Brown", "en", "academia", "", 1),
    ("Chloé Caron", "fr", "civil-society", "Interprétation vers le français", 0),
    ("Dora Dietz", "de", "government", "", 1),
    ("Emil Evans", "en", "", "", 1),
]


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    """Two places: Anna and Ben confirmed, Chloé and Dora waiting, Emil cancelled."""
    page = make_event(
        "Fachgespräch: Partnerschaften in der Praxis",
        timezone.now() + datetime.timedelta(days=10),
        registration=on_site(capacity=2, questions=[language_question()]),
    )
    without_double_opt_in(page)
    with django_capture_on_commit_callbacks(execute=True):
        for name, language, group, needs, answer in PEOPLE:
            register_for_event(
                page,
                language=language,
                name=name,
                email=f"{name.split()[0].lower()}@example.org",
                stakeholder_group=group,
                accessibility_needs=needs,
                answers={"6c1d3a39-0000-4000-8000-000000000001": answer},
            )
        cancel_registration(Registration.objects.get(name="Emil Evans"))
    return page


@pytest.fixture
def organiser(client):
    """An event organiser reading the admin in English."""
    user = make_staff("organiser", [ORGANISERS], language="en")
    client.force_login(user)
    return user


def desk(event):
    return f"/admin/event-desk/{event.pk}/"


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def names_listed(page):
    return [cell.get_text(strip=True) for cell in page.select("#listing-results td.title")]


def breakdown(page, name):
    table = page.select_one(f'[data-breakdown="{name}"]')
    return {
        row.th.get_text(strip=True): [int(cell.get_text()) for cell in row.select("td")]
        for row in table.select("tbody tr")
    }


def test_the_desk_counts_registrations_by_status_language_and_group(client, organiser, event):
    page = soup_of(client.get(desk(event)))
    totals = page.select_one("[data-desk-totals]")
    assert totals.select_one('[data-count="confirmed"] dd').get_text(strip=True) == "2 / 2"
    assert totals.select_one('[data-count="waiting"] dd').get_text(strip=True) == "2"
    assert totals.select_one('[data-count="cancelled"] dd').get_text(strip=True) == "1"
    # Confirmed, waiting, offered or not confirmed yet, cancelled or lapsed.
    assert breakdown(page, "language") == {
        "English": [1, 0, 0, 1],
        "French": [0, 1, 0, 0],
        "German": [1, 1, 0, 0],
    }
    assert breakdown(page, "stakeholder-group") == {
        "Academia": [1, 0, 0, 0],
        "Civil society": [1, 1, 0, 0],
        "Government": [0, 1, 0, 0],
        "none given": [0, 0, 0, 1],
    }
    assert names_listed(page) == [name for name, *_rest in PEOPLE]


def test_a_place_offered_and_a_lapsed_registration_are_counted_in_the_tables(
    client, organiser, event
):
    french_waiting = Registration.objects.get(event_key=event.translation_key, language="fr")
    french_waiting.status = Registration.Status.OFFERED
    french_waiting.expires_at = timezone.now() + datetime.timedelta(days=1)
    french_waiting.save()
    Registration.objects.filter(
        event_key=event.translation_key, status=Registration.Status.CANCELLED
    ).update(status=Registration.Status.EXPIRED)
    page = soup_of(client.get(desk(event)))
    languages = breakdown(page, "language")
    assert languages["French"] == [0, 0, 1, 0]
    assert languages["English"] == [1, 0, 0, 1]


def test_the_desk_in_german_names_languages_groups_and_answers(client, event):
    client.force_login(make_staff("orga-de", [ORGANISERS], language="de"))
    page = soup_of(client.get(desk(event)))
    languages = breakdown(page, "language")
    assert languages["Deutsch"] == [1, 1, 0, 0]
    assert languages["Englisch"] == [1, 0, 0, 1]
    assert languages["Französisch"] == [0, 1, 0, 0]
    assert breakdown(page, "stakeholder-group")["Zivilgesellschaft"] == [1, 1, 0, 0]
    headers = [th.get_text(strip=True) for th in page.select("#listing-results thead th")]
    assert "Bevorzugte Sprache" in headers  # the event's own question is a column
    row = page.select_one("#listing-results tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert "Deutsch" in cells  # the answer's label, not its number
    assert "Gebärdensprache (DGS)" in cells
    assert "Zivilgesellschaft" in cells


def test_has_needs_filter_keeps_only_people_with_needs(client, organiser, event):
    page = soup_of(client.get(desk(event), {"has_needs": "true"}))
    assert names_listed(page) == ["Anna Adler", "Chloé Caron"]
    page = soup_of(client.get(desk(event), {"has_needs": "false"}))
    assert names_listed(page) == ["Ben Brown", "Dora Dietz", "Emil Evans"]


def test_filters_by_answer_status_and_language(client, organiser, event):
    assert names_listed(soup_of(client.get(desk(event), {"answer_0": "1"}))) == [
        "Ben Brown",
        "Dora Dietz",
        "Emil Evans",
    ]
    assert names_listed(soup_of(client.get(desk(event), {"status": "waiting"}))) == [
        "Chloé Caron",
        "Dora Dietz",
    ]
    assert names_listed(soup_of(client.get(desk(event), {"language": "fr"}))) == ["Chloé Caron"]


def export_links(page):
    links = {}
    for link in page.select("[data-desk-export] a"):
        filtered = "-filtered" if link.has_attr("data-export-filtered") else ""
        links[link.get_text(strip=True) + filtered] = link["href"]
    return links


def csv_rows(response):
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))  # as German Excel reads it


def test_filtered_export_holds_only_the_filtered_rows_with_headers(client, organiser, event):
    page = soup_of(client.get(desk(event), {"has_needs": "true"}))
    links = export_links(page)
    assert set(links) == {"CSV", "XLSX", "CSV-filtered", "XLSX-filtered"}

    header, *rows = csv_rows(client.get(links["CSV-filtered"]))
    assert header[:2] == ["Name", "Email"] and "Bevorzugte Sprache" in header
    assert [row[0] for row in rows] == ["Anna Adler", "Chloé Caron"]

    workbook = load_workbook(io.BytesIO(client.get(links["XLSX-filtered"]).content))
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert sheet_rows[0][:2] == ("Name", "Email")
    assert [row[0] for row in sheet_rows[1:]] == ["Anna Adler", "Chloé Caron"]

    header, *rows = csv_rows(client.get(links["CSV"]))
    assert len(rows) == len(PEOPLE)


def test_unfiltered_desk_offers_only_the_whole_list(client, organiser, event):
    assert set(export_links(soup_of(client.get(desk(event))))) == {"CSV", "XLSX"}


def post_action(client, event, name, action, query="", **extra):
    registration = Registration.objects.get(name=name)
    return client.post(
        f"/admin/event-desk/{event.pk}/registrations/{registration.pk}/",
        {"action": action, "query": query, **extra},
    )


def test_cancel_returns_to_the_filtered_desk_with_a_message(client, organiser, event, mailoutbox):
    response = post_action(
        client, event, "Anna Adler", "cancel", query="has_needs=true", confirmed="1"
    )
    assert response.status_code == 302
    assert response["Location"] == f"{desk(event)}?has_needs=true"
    assert Registration.objects.get(name="Anna Adler").status == "cancelled"
    # Her place is offered to the first person waiting.
    assert Registration.objects.get(name="Chloé Caron").status == "offered"
    page = soup_of(client.get(response["Location"]))
    assert "The registration was cancelled." in page.get_text()
    assert "The place was offered to Chloé Caron from the waiting list." in page.get_text()
    assert any(message.to == ["anna@example.org"] for message in mailoutbox)


def test_cancelling_asks_first_and_changes_nothing_until_confirmed(
    client, organiser, event, mailoutbox
):
    mailoutbox.clear()
    response = post_action(client, event, "Anna Adler", "cancel", query="has_needs=true")
    page = soup_of(response)
    question = page.select_one("[data-confirm-cancellation]").get_text(" ", strip=True)
    assert "Anna Adler (anna@example.org)" in question and "email" in question
    assert Registration.objects.get(name="Anna Adler").status == "confirmed"
    assert not mailoutbox
    assert page.select_one(f'a[href="{desk(event)}?has_needs=true"]')  # keep, go back
    form = page.select_one("form[method=post]")
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert data["confirmed"] == "1" and data["query"] == "has_needs=true"

    response = client.post(form["action"], data)
    assert response["Location"] == f"{desk(event)}?has_needs=true"
    assert Registration.objects.get(name="Anna Adler").status == "cancelled"


def test_promoting_over_capacity_asks_first_and_changes_nothing(client, organiser, event):
    response = post_action(client, event, "Dora Dietz", "promote", query="status=waiting")
    page = soup_of(response)
    warning = page.select_one("[data-over-capacity]").get_text(" ", strip=True)
    assert "over capacity: 3 of 2" in warning
    assert Registration.objects.get(name="Dora Dietz").status == "waiting"
    form = page.select_one("form[method=post]")
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert data["agreed_total"] == "3" and data["query"] == "status=waiting"
    assert page.select_one(f'a[href="{desk(event)}?status=waiting"]')  # go back, unchanged

    response = client.post(form["action"], data)
    assert response["Location"] == f"{desk(event)}?status=waiting"
    assert Registration.objects.get(name="Dora Dietz").status == "confirmed"
    confirmed = Registration.objects.filter(event_key=event.translation_key, status="confirmed")
    assert confirmed.count() == 3


def test_an_agreement_to_overbook_covers_only_the_figure_shown(client, organiser, event):
    # Two organisers are asked about "3 of 2" at the same time; the second agreement is stale.
    page = soup_of(post_action(client, event, "Dora Dietz", "promote"))
    form = page.select_one("form[method=post]")
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    post_action(client, event, "Chloé Caron", "promote", agreed_total="3")
    assert Registration.objects.get(name="Chloé Caron").status == "confirmed"

    again = soup_of(client.post(form["action"], data))
    assert "4 of 2" in again.select_one("[data-over-capacity]").get_text(" ", strip=True)
    assert Registration.objects.get(name="Dora Dietz").status == "waiting"


def test_cancelling_in_an_overbooked_event_moves_nobody_up(client, organiser, event):
    client.post(
        f"/admin/event-desk/{event.pk}/registrations/"
        f"{Registration.objects.get(name='Chloé Caron').pk}/",
        {"action": "promote", "agreed_total": "3"},
    )
    post_action(client, event, "Anna Adler", "cancel", confirmed="1")
    assert Registration.objects.get(name="Dora Dietz").status == "waiting"
    post_action(client, event, "Ben Brown", "cancel", confirmed="1")  # now a place is free again
    assert Registration.objects.get(name="Dora Dietz").status == "offered"


def test_promoting_with_a_free_place_needs_no_confirmation(client, organiser, event):
    event.registration = on_site(capacity=5, questions=[language_question()])
    event.save_revision().publish()
    response = post_action(client, event, "Dora Dietz", "promote")
    assert response.status_code == 302
    assert Registration.objects.get(name="Dora Dietz").status == "confirmed"


def test_the_registration_page_also_warns_before_overbooking(client, organiser, event):
    registration = Registration.objects.get(name="Dora Dietz")
    url = f"/admin/registrations/{registration.pk}/manage/"
    page = soup_of(client.post(url, {"action": "promote"}))
    assert "3 of 2" in page.select_one("[data-over-capacity]").get_text()
    registration.refresh_from_db()
    assert registration.status == "waiting"
    client.post(url, {"action": "promote", "agreed_total": "3"})
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_resend_sends_the_email_again(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(client, event, "Ben Brown", "resend", query="language=en")
    assert response["Location"] == f"{desk(event)}?language=en"
    assert [message.to for message in mailoutbox] == [["ben@example.org"]]
    assert "The email was sent again." in soup_of(client.get(response["Location"])).get_text()


def test_actions_are_posts_of_people_who_may_change_registrations(client, event):
    client.force_login(member_of(PUBLISHERS))
    page = soup_of(client.get(desk(event)))  # publishers see registrations...
    assert page.select("[data-desk-totals]")
    assert not page.select('button[name="action"]')  # ...but do not act on them
    assert post_action(client, event, "Anna Adler", "cancel").status_code == 403
    assert Registration.objects.get(name="Anna Adler").status == "confirmed"

    client.force_login(member_of(ORGANISERS))
    assert (
        client.get(
            f"/admin/event-desk/{event.pk}/registrations/{Registration.objects.first().pk}/"
        ).status_code
        == 405
    )


def test_staff_without_registration_permissions_get_403(client, event):
    client.force_login(member_of(EDITORS))
    assert client.get("/admin/event-desk/").status_code == 403
    assert client.get(desk(event)).status_code == 403
    assert client.get(f"{desk(event)}export/?format=csv").status_code == 403
    assert post_action(client, event, "Anna Adler", "cancel").status_code == 403
    dashboard = soup_of(client.get("/admin/"))
    assert not dashboard.select('a[href^="/admin/event-desk/"]')


# --- No dead ends ----------------------------------------------------------------------


def sidebar_urls(page):
    props = json.loads(page.select_one("#wagtail-sidebar-props").string)
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "url" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(props)
    return found


def links_in(page):
    return [a["href"] for a in page.select("main a[href], #main a[href]")]


def local(url):
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def test_every_link_an_organiser_sees_leads_somewhere_they_may_go(client, organiser, event):
    dashboard = soup_of(client.get("/admin/"))
    menu = sidebar_urls(dashboard)
    assert "/admin/event-desk/" in menu  # the desk is in the menu
    assert "/admin/events/" not in menu  # the page listing they may not open is not
    panel = dashboard.select_one("#upcoming-events-section")
    title = panel.find("a", string=event.title)
    assert title["href"] == desk(event)  # the event's title leads to its desk
    assert panel.find("a", string="All events")["href"] == "/admin/event-desk/"

    start = ["/admin/", *menu, "/admin/event-desk/", desk(event), f"{desk(event)}?has_needs=true"]
    seen, queue, checked = set(), [url for url in start if local(url)], 0
    while queue:
        url = queue.pop(0)
        if url in seen or "/logout/" in url:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        checked += 1
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html") or not url.startswith("/admin/"):
            continue
        page = BeautifulSoup(response.content, "html.parser")
        assert "do not have permission" not in page.get_text(" "), url
        # Follow the links of the admin's desk and dashboard pages, one step further.
        if url.startswith(("/admin/event-desk/", "/admin/registrations/")) or url == "/admin/":
            queue += [
                link
                for link in links_in(page)
                if local(link) and link not in seen and not link.startswith("/admin/logout")
            ]
    assert checked > 10
    assert f"{desk(event)}export/?format=csv" in seen


def test_events_listing_sends_organisers_to_their_desks(client, organiser):
    response = client.get("/admin/events/")
    assert response.status_code == 302 and response["Location"] == "/admin/event-desk/"


def test_the_desk_queries_do_not_grow_with_the_registrations(client, organiser, event):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(desk(event)).status_code == 200
        return len(captured)

    queries()  # the first request fills caches (stakeholder groups, session)
    before = queries()
    for number in range(10):
        register_for_event(
            event,
            language="fr",
            name=f"Personne {number}",
            email=f"personne{number}@example.org",
            accessibility_needs="Interprétation",
            answers={"6c1d3a39-0000-4000-8000-000000000001": 1},
        )
    assert queries() == before


def test_the_list_of_desks_queries_do_not_grow_with_the_events(client, organiser, event):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/event-desk/")
            assert response.status_code == 200
        return len(captured), response.content.decode()

    queries()  # the first request fills caches (session, site)
    before, _html = queries()
    for number in range(5):
        make_event(
            f"Werkstatt {number}",
            timezone.now() + datetime.timedelta(days=20 + number),
            registration=on_site(capacity=10),
        )
    after, html = queries()
    assert "Werkstatt 4" in html  # the new events are listed
    assert after == before
