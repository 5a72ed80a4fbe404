"""sitemap.xml lists every live page in every language with hreflang alternates; robots.txt
points to it."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest

from wagtail.models import Page

from tests.support.factories import make_insight

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


def test_sitemap_lists_every_live_page_in_every_language(client):
    entries = sitemap(client)
    paths = {urlparse(location).path for location in entries}
    assert {"/de/", "/en/", "/fr/"} <= paths
    assert {"/de/erkenntnisse/studie/", "/en/insights/study/", "/fr/enseignements/etude/"} <= paths
    live = Page.objects.live().filter(depth__gte=2).count()
    assert len(entries) == live


def test_alternates_are_reciprocal(client):
    entries = sitemap(client)
    for location, alternates in entries.items():
        assert alternates[urlparse(location).path.split("/")[1]] == location
        assert set(alternates) == {"de", "en", "fr", "x-default"}
        assert alternates["x-default"] == alternates["de"]
        for language in ("de", "en", "fr"):
            assert entries[alternates[language]] == alternates


def test_drafts_and_untranslated_pages_are_listed_honestly(client):
    make_insight("Nur auf Deutsch")
    make_insight("Entwurf", live=False)
    entries = sitemap(client)
    [german_only] = [loc for loc in entries if loc.endswith("/nur-auf-deutsch/")]
    assert entries[german_only] == {}  # no other language: no alternates
    assert not [loc for loc in entries if loc.endswith("/entwurf/")]


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
