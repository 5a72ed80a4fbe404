"""What the platform relies on in Wagtail where Wagtail has no public API: each test fails
when a Wagtail upgrade changes what `campaign_site.cache.routing` and
`home.models.seo.CampaignPageQuerySet` depend on."""

import pytest

from django.test import RequestFactory

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from campaign_site.cache.routing import (
    WAGTAIL_ROOT_PATHS_ATTRIBUTE,
    WAGTAIL_ROUTE_ATTRIBUTE,
    WAGTAIL_SITE_ATTRIBUTE,
)
from events.models import EventIndexPage
from home.models.seo import all_pages

pytestmark = pytest.mark.django_db


def test_wagtail_takes_the_site_kept_on_the_request():
    request = RequestFactory().get("/de/", HTTP_HOST="unknown.example")
    site = Site.objects.get(is_default_site=True)
    kept = Site(pk=site.pk, hostname="kept.example", root_page_id=site.root_page_id)
    setattr(request, WAGTAIL_SITE_ATTRIBUTE, kept)
    assert Site.find_for_request(request) is kept


def test_wagtail_takes_the_route_kept_on_the_request():
    request = RequestFactory().get("/de/anything/")
    page = EventIndexPage.objects.filter(locale__language_code="de").first()
    kept = (page, [], {})
    setattr(request, WAGTAIL_ROUTE_ATTRIBUTE, kept)
    assert Page.route_for_request(request, "/nowhere/") is kept


def test_wagtail_takes_the_site_root_paths_kept_on_the_request():
    request = RequestFactory().get("/de/")
    page = EventIndexPage.objects.filter(locale__language_code="de").first()
    site = Site.objects.get(is_default_site=True)
    root_path = "/" + page.url_path.split("/")[1] + "/"
    kept = [SiteRootPath(site.pk, root_path, "https://kept.example", "de")]
    setattr(request, WAGTAIL_ROOT_PATHS_ATTRIBUTE, kept)
    assert page.get_url_parts(request)[1] == "https://kept.example"


def test_public_pages_are_the_ones_wagtail_itself_calls_public():
    index = EventIndexPage.objects.filter(locale__language_code="de").first()
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    ours = set(all_pages().public().values_list("pk", flat=True))
    wagtails = set(Page.objects.public().values_list("pk", flat=True))
    assert ours == wagtails
    hidden = set(all_pages().not_public().values_list("pk", flat=True))
    assert index.pk in hidden
    assert set(index.get_descendants().values_list("pk", flat=True)) <= hidden
    assert hidden == set(Page.objects.not_public().values_list("pk", flat=True))
