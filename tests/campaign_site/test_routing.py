"""Routes remembered per URL (campaign_site/cache/routing.py): fewer queries, never a wrong or
stale page."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from events.models import EventPage
from tests.support.caches import stored_entries
from tests.support.factories import make_event

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.usefixtures("no_page_cache")
def test_a_remembered_route_saves_the_walk_down_the_page_tree(client):
    event = make_event("Routen-Test")
    first, walked = queries_of(client, event.url)
    second, remembered = queries_of(client, event.url)
    assert first.status_code == second.status_code == 200
    assert second.content.count(b"Routen-Test") == first.content.count(b"Routen-Test") > 0
    # Site, locale, the root in the language, and two queries per level are gone.
    assert remembered <= walked - 4


@pytest.mark.usefixtures("no_page_cache")
def test_sub_pages_of_routable_pages_still_answer(client):
    event = make_event("Kalender-Test")
    for _ in range(2):  # walked, then remembered
        calendar = client.get(event.url + "calendar/")
        assert calendar.status_code == 200
        assert b"Kalender-Test" in calendar.content
        assert client.get("/de/veranstaltungen/calendar/").status_code == 200
        assert client.get(event.url + "nicht-vorhanden/").status_code == 404


@pytest.mark.usefixtures("no_page_cache")
def test_a_renamed_page_moves_at_once_and_its_old_address_is_gone(client):
    event = make_event("Umbenennen")
    old_url = event.url
    assert client.get(old_url).status_code == 200
    event.slug = "umbenannt"
    event.save_revision().publish()
    new = client.get(EventPage.objects.get(pk=event.pk).url)
    assert new.status_code == 200
    assert b"Umbenennen" in new.content
    old = client.get(old_url)
    # Wagtail's redirect for the old slug, or not found: never the page at its old address.
    assert old.status_code in (301, 302, 404)


@pytest.mark.usefixtures("no_page_cache")
def test_an_unpublished_page_is_gone_at_once(client):
    event = make_event("Zurückgezogen")
    assert client.get(event.url).status_code == 200
    event.unpublish()
    assert client.get(event.url).status_code == 404


@pytest.mark.usefixtures("no_page_cache")
def test_the_same_path_in_another_language_finds_that_languages_page(client):
    german = client.get("/de/veranstaltungen/")
    english = client.get("/en/events/")
    assert german.status_code == english.status_code == 200
    # The German slug under /en/ leads to the English page, never to the German one.
    crossed = client.get("/en/veranstaltungen/")
    assert (crossed.status_code, crossed["Location"]) == (301, "/en/events/")
    assert client.get("/de/veranstaltungen/").content == german.content


@pytest.mark.usefixtures("no_page_cache")
def test_a_secret_in_the_address_is_not_kept_in_the_cache(client):
    event = make_event("Geheimnis")
    token = "a-visitors-secret-token-4711"
    for _ in range(2):
        # Not a valid link: the page says so, as it would without remembered routes.
        assert client.get(f"{event.url}registration/{token}/").status_code in (200, 400, 404)
    entries = stored_entries()
    assert entries, "the visits left nothing in the cache: the check below would be empty"
    assert [key for key, _ in entries if token.encode() in key] == []
    assert [key for key, value in entries if token.encode() in value] == []


def password_form(response):
    return b'name="password"' in response.content


@pytest.mark.parametrize("page_cache_seconds", [0, 3600])
def test_a_page_made_private_asks_for_a_password_at_once_and_opens_again(
    client, settings, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    event = make_event("Geheimtreffen")
    for _ in range(2):  # seen twice while public: route, page and restrictions remembered
        public = client.get(event.url)
        assert public.status_code == 200 and not password_form(public)
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.PASSWORD, password="quokka-geheim"
    )
    private = client.get(event.url)
    assert password_form(private)
    assert b"Geheimtreffen</h1>" not in private.content
    restriction.delete()
    reopened = client.get(event.url)
    assert reopened.status_code == 200 and not password_form(reopened)
    assert b"Geheimtreffen</h1>" in reopened.content


@pytest.mark.usefixtures("no_page_cache")
def test_a_restriction_on_the_event_index_covers_its_events(client):
    event = make_event("Vertrauliche Runde")
    assert not password_form(client.get(event.url))
    PageViewRestriction.objects.create(
        page=event.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="quokka-geheim",
    )
    assert password_form(client.get(event.url))


def test_the_walk_in_one_query_finds_what_wagtails_walk_finds(rf):
    """Every live page in every language, sub-pages of routable pages (a calendar, a feed, an
    event's own routes), a draft, a missing page and a path beyond a plain page: the quick
    walk and Wagtail's own walk agree on the page and the levels that are its own."""
    from django.utils import translation

    from wagtail.models import Page, Site

    from campaign_site.cache.routing import _walk_in_one_query, site_root_paths

    draft = make_event("Entwurf-Routen")
    draft.unpublish()
    site = Site.objects.get(is_default_site=True)
    paths = set()
    for page in Page.objects.live().filter(depth__gt=2).specific():
        url = page.get_url()
        if url:
            paths.add(url)
    paths.update(
        f"/{language}{rest}"
        for language in ("de", "en", "fr")
        for rest in ("/", "/nicht-da/", "/veranstaltungen/calendar/", "/events/calendar/")
    )
    paths.update([draft.url, draft.url + "weiter/", "/de/ueber-die-kampagne/weiter/"])
    event = EventPage.objects.live().filter(locale__language_code="de").first()
    paths.update([event.url + "calendar.ics", event.url + "anmeldung/erhalten/"])
    compared = 0
    for url in sorted(paths):
        language, _slash, rest = url.lstrip("/").partition("/")
        components = [part for part in rest.split("/") if part]
        with translation.override(language):
            request = rf.get(url)
            expected = Page.route_for_request(request, rest)
            site_root_paths(request)  # read for the page's URL anyway
            with CaptureQueriesContext(connection) as queries:
                found = _walk_in_one_query(request, site, components)
        assert len(queries) <= 1, url
        if expected is None:
            assert found is None, url
            continue
        page = expected[0]
        assert found == (page.content_type_id, page.pk, page.depth - site.root_page.depth), url
        compared += 1
    assert compared > 20


def test_root_paths_that_no_longer_name_the_root_leave_the_walk_to_wagtail(rf):
    """Wagtail keeps its site root paths in its cache; were they out of date (a root renamed
    a moment ago), the page is still found, by Wagtail's own walk."""
    from django.utils import translation

    from wagtail.models import Site

    from campaign_site.cache.routing import WAGTAIL_ROOT_PATHS_ATTRIBUTE, _where_wagtail_routes

    event = make_event("Alte-Wurzel")
    site = Site.objects.get(is_default_site=True)
    rest = event.url.removeprefix("/de")
    request = rf.get(event.url)
    outdated = [root._replace(root_path="/umbenannt/") for root in Site.get_site_root_paths()]
    setattr(request, WAGTAIL_ROOT_PATHS_ATTRIBUTE, outdated)
    with translation.override("de"):
        found = _where_wagtail_routes(request, site, rest, [c for c in rest.split("/") if c])
    assert found == (event.content_type_id, event.pk, event.depth - site.root_page.depth)
