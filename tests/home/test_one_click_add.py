"""The "Add event" and "Add insight" buttons open the form under the German index page in
one click; the parent chooser stays for those who could add in several places or none in
German."""

import pytest
from bs4 import BeautifulSoup

from home.admin.roles import EDITORS, ORGANISERS, TRANSLATORS
from tests.support.factories import event_index, insight_index
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("listing", "model", "index"),
    [("events", "eventpage", event_index), ("insights", "insightpage", insight_index)],
)
def test_the_add_button_of_the_listing_opens_the_form_under_the_german_index(
    client, listing, model, index
):
    client.force_login(member_of(EDITORS))
    page = BeautifulSoup(client.get(f"/admin/{listing}/").content, "html.parser")
    add = page.select_one(f'a[href^="/admin/{listing}/choose_parent/"]')
    assert add is not None

    response = client.get(add["href"])
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/add/{listing}/{model}/{index('de').pk}/"
    form = client.get(response["Location"])
    assert form.status_code == 200


def test_someone_who_may_add_in_every_language_gets_the_listings_language(admin_client):
    response = admin_client.get("/admin/events/choose_parent/")
    assert response["Location"].endswith(f"/{event_index('de').pk}/")
    response = admin_client.get("/admin/events/choose_parent/?locale=fr")
    assert response["Location"].endswith(f"/{event_index('fr').pk}/")


def test_translators_are_not_sent_to_a_german_form(client):
    client.force_login(member_of(TRANSLATORS))
    response = client.get("/admin/events/choose_parent/")
    assert response.status_code == 200  # the chooser, with the pages they may add to


def dashboard(client, user):
    client.force_login(user)
    return BeautifulSoup(client.get("/admin/").content, "html.parser")


def test_the_dashboard_offers_add_event_and_add_insight_to_editors(client):
    page = dashboard(client, member_of(EDITORS))
    events = page.select_one("#upcoming-events-section")
    add = events.select_one('a[href="/admin/events/choose_parent/"]')
    assert add.text.strip() == "Veranstaltung hinzufügen"
    insights = page.select_one("#latest-insights-section")
    add = insights.select_one('a[href="/admin/insights/choose_parent/"]')
    assert add.text.strip() == "Erkenntnis hinzufügen"


@pytest.mark.parametrize("role", [ORGANISERS, TRANSLATORS])
def test_who_may_not_add_german_events_sees_no_add_button_on_the_dashboard(client, role):
    page = dashboard(client, member_of(role))
    events = page.select_one("#upcoming-events-section")
    assert events.select_one('a[href="/admin/events/choose_parent/"]') is None
    assert page.select_one("#latest-insights-section") is None
