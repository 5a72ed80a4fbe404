"""The dashboard panel of upcoming events: everyone on the staff sees the events, only those
allowed to see registrations see how many there are."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.registration.services import register_for_event
from home.admin.roles import EDITORS, ORGANISERS, PUBLISHERS
from tests.support.factories import make_event
from tests.support.registration import on_site, without_double_opt_in
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    page = make_event(
        "Morgen: Forum der Partnerschaften",
        timezone.now() + datetime.timedelta(hours=20),
        registration=on_site(capacity=30),
    )
    without_double_opt_in(page)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            register_for_event(
                page, language="de", name=f"Person {number}", email=f"p{number}@example.org"
            )
    return page


def panel(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#upcoming-events-section")


def event_row(section, event, href=None):
    """The event's row; its title links to the page editor (or to `href`)."""
    link = section.select_one(f'a[href="{href or f"/admin/pages/{event.pk}/edit/"}"]')
    assert link is not None and link.text == event.title
    return link.find_parent("tr")


@pytest.mark.parametrize(
    "role, leads_to",
    # Organisers may not edit pages: the title leads to the event's desk.
    [(PUBLISHERS, "/admin/pages/{pk}/edit/"), (ORGANISERS, "/admin/event-desk/{pk}/")],
)
def test_staff_allowed_to_see_registrations_see_the_counts(client, event, role, leads_to):
    section = panel(client, member_of(role))
    row = event_row(section, event, leads_to.format(pk=event.pk))
    assert row.select_one("[data-registrations]").text.strip() == "3 / 30"
    # Event, start, registrations (the mix chart's own table is another one).
    assert len(section.select_one("table > thead").select("th")) == 3


def test_the_panel_hides_registration_counts_from_editors(client, event):
    section = panel(client, member_of(EDITORS))
    row = event_row(section, event)
    assert row.select_one("[data-registrations]") is None
    assert "3 / 30" not in section.text
    assert len(section.select_one("table > thead").select("th")) == 2  # event, start
    assert section.select("[data-registrations]") == []


def test_past_events_are_not_in_the_panel(admin_client):
    past = make_event("Vorbei", timezone.now() - datetime.timedelta(days=3))
    section = panel(admin_client, get_user_model().objects.get(username="admin"))
    assert past.title not in section.text
