"""The anonymous page cache: fast repeat views, never a stale or someone else's page."""

import datetime
import re
import time
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.test import Client
from django.utils import timezone

from campaign_site.cache.versions import bump_own_page
from events.models import EventPage, Registration
from events.registration.tokens import personal_path
from home.localization import get_locale
from home.models import Footer, MainMenu, Partner, Person
from insights.models import InsightPage
from insights.models.links import InsightPageAuthor
from tests.support.factories import locale, make_event, make_insight
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


@pytest.fixture
def kept_site(client):
    """An insight with an author, naming a past event, and pages around it, each kept."""
    event = make_event("Werkstatt der Räte", timezone.now() - datetime.timedelta(days=3))
    insight = make_insight("Was die Räte gelernt haben", teaser="Drei Lehren aus Berlin.")
    author = Person.objects.create(locale=get_locale("de"), name="Alex Beispiel")
    insight.authors = [insight.authors.model(person=author)]
    insight.body = [("paragraph", "<p>Der erste Entwurf des Textes.</p>")]
    insight.save_revision().publish()
    insight = InsightPage.objects.get(pk=insight.pk)
    others = ["/de/", insight.get_parent().url, event.url, "/en/", "/fr/"]
    for url in [insight.url, *others]:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    return insight, event, others


def publish_a_new_text(page, text):
    """Publish `page` with `text` as its whole body, as an editor correcting it would."""
    page.body = [("paragraph", f"<p>{text}</p>")]
    page.save_revision().publish()


def assert_renewed_alone(client, page, text, others):
    """`page` shows `text` afresh; each of `others` still comes from the page cache."""
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert text in response.content.decode()
    for url in others:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_published_change_to_a_pages_text_renders_that_page_alone_afresh(client, kept_site):
    # Correcting a sentence of an insight changes what its own page shows and nothing any
    # other page shows (titles, teasers, authors, links): the site stays warm.
    insight, _, others = kept_site
    publish_a_new_text(insight, "Der korrigierte Text.")
    assert_renewed_alone(client, insight, "Der korrigierte Text.", others)
    # Search reads every page's text: it follows every change.
    found = client.get("/de/search/?q=korrigierte").content.decode()
    assert "Was die Räte gelernt haben" in found


def test_a_published_change_other_pages_show_renews_them(client, kept_site):
    insight, _, others = kept_site
    insight.teaser = "Vier Lehren aus Berlin."
    insight.save_revision().publish()
    for url in others:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Vier Lehren aus Berlin." in client.get(insight.get_parent().url).content.decode()


def test_a_published_link_to_an_event_renews_the_event_page(client, kept_site):
    # The insight's fields stay the same; what changes is saved after its row, in the
    # revision: the event it names now lists it.
    insight, event, _ = kept_site
    insight.event_links = [insight.event_links.model(event=event)]
    insight.save_revision().publish()
    outputs = soup(client.get(event.url)).find(class_="event-outputs")
    assert "Was die Räte gelernt haben" in outputs.get_text()


def test_a_page_changed_while_it_renders_is_not_kept(client, kept_site):
    # A body-only publication committed after the page was found but before its own version
    # was read: what was rendered may be the old text, so it is not kept under the new one.
    insight, _, _ = kept_site
    client.get(insight.url)  # kept
    insight.body = [("paragraph", "<p>Der korrigierte Text.</p>")]
    insight.save_revision().publish()

    def published_meanwhile(page, request):
        bump_own_page(page)
        return (), None

    with mock.patch.object(InsightPage, "page_cache_policy", published_meanwhile):
        assert "X-Page-Cache" not in client.get(insight.url)  # rendered, not kept
    assert client.get(insight.url)["X-Page-Cache"] == "miss"
    assert client.get(insight.url)["X-Page-Cache"] == "hit"


def test_a_published_change_to_an_events_description_leaves_the_listings_kept(client):
    # An event with registration, agenda and feedback set up: their settings are compared
    # as they are stored, so an unchanged form is not taken for a change.
    event = EventPage.objects.get(slug="online-dialog-partnerschaften", locale__language_code="de")
    listings = ["/de/veranstaltungen/", "/de/", "/en/events/"]
    for url in [event.url, *listings]:
        client.get(url)
    publish_a_new_text(event, "Neu beschrieben: was der Dialog will.")
    assert_renewed_alone(client, event, "Neu beschrieben: was der Dialog will.", listings)


def test_feeds_and_calendars_say_when_a_pages_text_changed(client, kept_site):
    # Each entry of a feed and each event of a calendar names when it was last published:
    # a change to a text alone is news there, though the listings stay as they were.
    insight, _, _ = kept_site
    event = make_event("Zukunftswerkstatt der Räte")
    feed_url = insight.get_parent().url + "feed/atom/"
    calendar_url = event.get_parent().url + "calendar/"
    for url in (feed_url, calendar_url):
        client.get(url)
    for page in (insight, event):
        page = type(page).objects.get(pk=page.pk)
        page.body = [("paragraph", "<p>Ein neuer Satz.</p>")]
        page.save_revision().publish()
    insight.refresh_from_db()
    event.refresh_from_db()
    feed = client.get(feed_url)
    assert feed["X-Page-Cache"] == "miss"
    assert insight.last_published_at.isoformat() in feed.content.decode()
    calendar = client.get(calendar_url)
    assert calendar["X-Page-Cache"] == "miss"
    stamp = event.last_published_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"LAST-MODIFIED:{stamp}" in calendar.content.decode()


def test_a_page_seen_while_its_authors_are_written_again_is_not_kept(client):
    # Publishing from a form built on a revision made before the author was first saved
    # (a form opened while a draft was pending, a revert) removes and adds the author row
    # again, after the page's own row. A visitor in between sees the page without its
    # author; that view must not outlive the publish.
    insight = make_insight("Was die Räte gelernt haben", teaser="Drei Lehren.")
    author = Person.objects.create(locale=get_locale("de"), name="Alex Beispiel")
    insight.authors = [InsightPageAuthor(person=author)]
    insight.body = [("paragraph", "<p>Erster Text.</p>")]
    insight.save_revision().publish()
    url = InsightPage.objects.get(pk=insight.pk).url
    assert "Alex Beispiel" in client.get(url).content.decode()
    page = InsightPage.objects.get(pk=insight.pk).get_latest_revision().as_object()
    assert [a.pk for a in page.authors.all()] == [None]
    page.body = [("paragraph", "<p>Korrigierter Text.</p>")]
    revision = page.save_revision()
    seen = []

    def visitor_meanwhile(sender, instance, **kwargs):
        if not seen:
            seen.append(Client().get(url))

    pre_save.connect(visitor_meanwhile, sender=InsightPageAuthor)
    try:
        revision.publish()
    finally:
        pre_save.disconnect(visitor_meanwhile, sender=InsightPageAuthor)
    assert "Alex Beispiel" not in seen[0].content.decode()
    html = client.get(url).content.decode()
    assert "Korrigierter Text." in html and "Alex Beispiel" in html


def test_a_translation_taking_its_sources_dates_on_publish_renews_the_listings(client):
    # The German event is moved while never published (its translation is not told); the
    # English page, published with a new text only, takes the German dates as it is saved.
    de = make_event("Werkstatt", live=False)
    en = de.copy_for_translation(locale("en"))
    en.save_revision().publish()
    de = EventPage.objects.get(pk=de.pk)
    de.start_date += datetime.timedelta(days=40)
    de.save()
    index_url = en.get_parent().url
    client.get(index_url)
    assert client.get(index_url)["X-Page-Cache"] == "hit"
    en = EventPage.objects.get(pk=en.pk)
    en.body = [("paragraph", "<p>Neu.</p>")]
    en.save_revision().publish()
    assert EventPage.objects.get(pk=en.pk).start_date == de.start_date
    kept = client.get(index_url)
    assert kept["X-Page-Cache"] == "miss"
    editor = Client()
    editor.cookies["sessionid"] = "a session: never from the page cache"
    assert kept.content == editor.get(index_url).content
