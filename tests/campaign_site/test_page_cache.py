"""The anonymous page cache: fast repeat views, never a stale or someone else's page."""

import datetime
import re
import time
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from events.models import EventPage, Registration
from events.registration.tokens import personal_path
from home.models import Footer, MainMenu, Partner
from tests.support.factories import make_event
from tests.support.html import soup
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db


def test_a_repeat_anonymous_view_comes_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    first = client.get("/en/events/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/events/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_page_renews_every_cached_page_that_shows_it(client):
    event = EventPage.objects.get(slug="online-dialog-partnerschaften", locale__language_code="de")
    client.get("/de/veranstaltungen/")
    client.get("/de/")
    event.title = "Online-Dialog: neu geplant"
    event.save_revision().publish()
    assert "Online-Dialog: neu geplant" in client.get("/de/veranstaltungen/").content.decode()
    assert "Online-Dialog: neu geplant" in client.get("/de/").content.decode()


def test_unpublishing_removes_a_page_from_cached_listings(client):
    event = EventPage.objects.get(slug="online-dialogue-partnerships", locale__language_code="en")
    assert event.title in client.get("/en/events/").content.decode()
    event.unpublish()
    assert event.title not in client.get("/en/events/").content.decode()
    assert client.get("/en/events/online-dialogue-partnerships/").status_code == 404


def test_a_snippet_change_shows_at_once_in_its_language(client):
    client.get("/fr/")
    client.get("/de/")
    item = MainMenu.objects.get(locale__language_code="fr").items.first()
    item.label = "Agenda"
    item.save()
    footer = Footer.objects.get(locale__language_code="de")
    footer.text = "<p>Neuer Fußzeilentext</p>"
    footer.save()
    assert "Agenda" in soup(client.get("/fr/")).find("nav", class_="site-nav").get_text()
    assert "Neuer Fußzeilentext" in soup(client.get("/de/")).find("footer").get_text()


def test_renaming_an_organiser_changes_every_language(client):
    for language in ("de", "en", "fr"):
        client.get(f"/{language}/")
    for partner in Partner.objects.filter(slug="partnerschaften2030"):
        partner.name = "P2030"
        partner.save()
    for language in ("de", "en", "fr"):
        footer = soup(client.get(f"/{language}/")).find("footer")
        assert footer.find("img", alt="P2030") or "P2030" in footer.get_text(), language


def test_places_left_and_csrf_stay_right_on_a_cached_registration_form(client):
    event = make_event(
        "Kleine Runde",
        timezone.now() + datetime.timedelta(days=5),
        registration=on_site(capacity=3, waiting_list=False),
    )
    url = event.url
    assert "3 Plätze frei" in soup(client.get(url)).select_one(".registration__status").get_text()

    # A different visitor gets the cached page with a token that works for them.
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    assert page["X-Page-Cache"] == "hit"
    token = soup(page).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert "csrftoken" in page.cookies
    response = visitor.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 302

    status = soup(client.get(url)).select_one(".registration__status").get_text()
    assert "2 Plätze frei" in status


def test_pages_about_one_registrant_are_never_cached(client):
    event = make_event(
        "Runde",
        timezone.now() + datetime.timedelta(days=5),
        registration=on_site(capacity=3, waiting_list=False),
    )
    client.post(event.url, {"name": "Grace Hopper", "email": "grace@example.org", "consent": "on"})
    # The link in Grace's email.
    status_url = personal_path(event, Registration.objects.get(email="grace@example.org"), "view")
    first = client.get(status_url)
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    second = client.get(status_url)
    assert second.get("X-Page-Cache") != "hit"
    assert "Grace Hopper" in second.content.decode() or "grace@example.org" in (
        second.content.decode()
    )


def test_logged_in_editors_always_get_a_fresh_page(client):
    client.get("/de/")  # cached for anonymous visitors
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-123456789")
    client.force_login(editor)
    response = client.get("/de/")
    assert response.get("X-Page-Cache") is None
    assert b"wagtail-userbar" in response.content


def test_registration_closes_on_a_cached_page_at_its_closing_time(client):
    closes = timezone.now() + datetime.timedelta(hours=1)
    event = make_event(
        "Bald geschlossen",
        timezone.now() + datetime.timedelta(days=2),
        registration=on_site(capacity=3, waiting_list=False, closes_at=closes.isoformat()),
    )
    assert soup(client.get(event.url)).find("form", class_="registration-form")
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    later = closes + datetime.timedelta(minutes=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("campaign_site.cache.page_cache.time.time", return_value=later.timestamp()),
    ):
        response = client.get(event.url)
    assert response.get("X-Page-Cache") != "hit"
    assert soup(response).find("form", class_="registration-form") is None
    assert re.search("Anmeldung .*geschlossen", soup(response).find(id="registration").get_text())


def test_every_page_type_says_whether_visitors_get_it_from_the_cache():
    from wagtail.models import get_page_models

    from home.models import CampaignPage

    undecided = [
        model.__name__
        for model in get_page_models()
        if issubclass(model, CampaignPage)
        and not model._meta.abstract
        and "cache_for_visitors" not in vars(model)
    ]
    assert undecided == []


@pytest.mark.parametrize(
    "url",
    [
        "/de/",
        "/de/ueber-die-kampagne/",
        "/de/impressum/",
        "/en/events/",
        "/en/events/calendar/",
        "/fr/evenements/dialogue-en-ligne-partenariats/calendar/",
        "/en/insights/",
        "/en/insights/study/",
        "/en/insights/feed/rss/",
        "/de/erkenntnisse/feed/atom/",
        "/fr/search/?q=partenariats",
        "/sdg-colours.css",
    ],
)
def test_pages_calendars_feeds_and_search_are_kept_for_visitors(client, url):
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit", url
    assert second.content == first.content


def test_a_changed_image_renews_the_kept_pages_that_show_it(client):
    from wagtail.images import get_image_model

    home = client.get("/de/")
    assert client.get("/de/")["X-Page-Cache"] == "hit"
    image = get_image_model().objects.order_by("pk").first()
    image.title = "Neu betitelt"
    image.save()
    again = client.get("/de/")
    assert again["X-Page-Cache"] == "miss"
    assert home.status_code == again.status_code == 200


def registration_by(visitor, url, number):
    """A new visitor fetches the event page and registers with the form on it."""
    page = visitor.get(url)
    token = soup(page).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = visitor.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    return page


def test_a_burst_of_registrations_keeps_the_cached_form_until_few_places_are_left(client):
    """While many places are free the page only says so: a registration then leaves the
    cached page valid, so the next visitor's form comes from the cache. The number of places
    appears (and changes with each registration) once ten or fewer are left."""
    event = make_event(
        "Große Runde",
        timezone.now() + datetime.timedelta(days=5),
        registration=on_site(capacity=13, waiting_list=True),
    )
    url = event.url
    status = soup(client.get(url)).select_one(".registration__status").get_text()
    assert "Es sind noch Plätze frei." in status
    assert "Plätze frei." not in status.replace("Es sind noch Plätze frei.", "")

    kinds = []
    for number in range(5):
        page = registration_by(Client(enforce_csrf_checks=True), url, number)
        kinds.append(page["X-Page-Cache"])
    # 13, 12 and 11 places left all say "free": the first two registrations leave the page
    # cached. The third leaves 10, which the page says, and from then on each registration
    # renews it.
    assert kinds == ["hit", "hit", "hit", "miss", "miss"]
    status = soup(client.get(url)).select_one(".registration__status").get_text()
    assert "Noch 8 Plätze frei." in status
    assert Registration.objects.filter(event_key=event.translation_key).count() == 5


def test_an_editors_draft_leaves_the_visitors_pages_cached_until_it_is_published(client):
    # Saving a draft (or the editor's autosave) changes nothing the public sees: every page
    # of the site stays warm. Publishing the draft renews them.
    event = EventPage.objects.get(slug="online-dialog-partnerschaften", locale__language_code="de")
    pages = ["/de/veranstaltungen/", "/de/", "/en/events/", event.url]
    for url in pages:
        client.get(url)
    event.title = "Online-Dialog: im Entwurf"
    event.save_revision()
    revision = event.save_revision()  # the editor's autosave a moment later
    event.locked = True
    event.save(update_fields=["locked", "locked_at", "locked_by"])  # locked while editing
    for url in pages:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert "im Entwurf" not in response.content.decode()
    revision.publish()
    for url in ["/de/veranstaltungen/", "/de/", event.url]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Online-Dialog: im Entwurf" in response.content.decode()


def test_kept_pages_stay_warm_past_the_caches_default_timeout(client):
    # The content version is kept until content changes: had it expired with the cache's
    # default five minutes, every page of the site would be rendered afresh that often.
    assert client.get("/de/")["X-Page-Cache"] == "miss"
    ten_minutes_later = time.time() + 10 * 60
    with mock.patch("time.time", return_value=ten_minutes_later):
        again = client.get("/de/")
    assert again["X-Page-Cache"] == "hit"
