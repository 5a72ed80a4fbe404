"""A page's view restrictions, read in one query, are the ones Wagtail itself finds: its
own and its ancestors', and for an alias (or a page below one) those of the page it copies."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from campaign_site.cache.routing import _routed_page
from home.models import StandardPage
from tests.support.factories import make_event

pytestmark = pytest.mark.django_db


def wagtails_own(page):
    return set(Page.get_view_restrictions(page).values_list("pk", flat=True))


def ours(page):
    return set(page.get_view_restrictions().values_list("pk", flat=True))


def test_view_restrictions_are_wagtails_for_pages_sections_and_aliases(client):
    event = make_event("Dialog über Partnerschaften")
    section = event.get_parent().specific
    overview = section.get_parent().specific
    about = overview.add_child(instance=StandardPage(title="Über uns", slug="ueber-uns"))
    team = about.add_child(instance=StandardPage(title="Team", slug="team"))
    # An alias of the restricted "about" section elsewhere, and an alias of that alias.
    alias = about.create_alias(parent=section, update_slug="ueber-uns-kopie", recursive=True)
    alias_of_alias = alias.create_alias(parent=section, update_slug="ueber-uns-kopie-2")
    alias_child = StandardPage.objects.get(alias_of=team, path__startswith=alias.path)
    pages = [overview, section, event, about, team, alias, alias_of_alias, alias_child]
    assert all(ours(page) == set() for page in pages)
    with CaptureQueriesContext(connection) as queries:
        assert ours(_routed_page(StandardPage, team.pk)) == set()
    assert len(queries) == 1  # the page itself

    login = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    password = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    for page in pages:
        page = Page.objects.get(pk=page.pk).specific
        assert ours(page) == wagtails_own(page), page.title
        # As the routing finds it: told whether it can have any, without reading them.
        assert ours(_routed_page(type(page), page.pk)) == wagtails_own(page), page.title
    # The alias has the "about" section's restriction, and that of the section it is in.
    assert ours(alias_child.specific) == {login.pk, password.pk}
    assert ours(team) == {login.pk}
