"""Security headers: a strict Content-Security-Policy on public pages (no inline script or
style in them), a compatible one in the admin, framing only for Wagtail's previews, and the
headers and cookie flags production sends."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page

from events.models import EventPage
from home.admin.roles import EDITORS
from tests.support.commands import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def inline_code(response):
    """Inline scripts, inline styles and event-handler attributes in a page."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if script.get("src"):
            continue
        if script.get("type") in ("application/ld+json", "application/json"):
            continue  # data blocks: browsers never run them, script-src does not apply
        found.append(str(script)[:80])
    found += [str(tag)[:80] for tag in soup.find_all("style")]
    found += [str(tag)[:80] for tag in soup.find_all(style=True)]
    for tag in soup.find_all(True):
        found += [f"{tag.name} {attr}" for attr in tag.attrs if attr.lower().startswith("on")]
    return found


def staff_user(username="redaktion"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_public_pages_have_a_strict_policy_without_inline_code(client):
    response = client.get("/en/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "nonce" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_public_page_in_any_language_needs_inline_script_or_style(client):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    checked = 0
    for page in pages:
        url = page.get_url()
        if not url:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response) == [], url
        checked += 1
    assert checked > 20


def test_the_event_page_keeps_its_structured_data_as_a_data_block(client):
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    response = client.get(event.get_url())
    soup = BeautifulSoup(response.content, "html.parser")
    data = soup.find("script", type="application/ld+json")
    assert json.loads(data.string)["@type"] == "Event"
    assert policy(response)["script-src"] == ["'self'"]


def test_sdg_badges_take_their_colours_from_a_stylesheet(client):
    from home.models import SustainableDevelopmentGoal

    goal = SustainableDevelopmentGoal.objects.get(number=13, locale__language_code="en")
    stylesheet = client.get("/sdg-colours.css")
    assert stylesheet["Content-Type"].startswith("text/css")
    css = stylesheet.content.decode()
    assert f".sdg-badge--13 {{ --sdg-colour: {goal.colour}; --sdg-text: {goal.text_colour}; }}" in (
        css
    )
    assert len(re.findall(r"\.sdg-badge--\d+ ", css)) == 17
    page = client.get("/en/insights/")
    assert '/sdg-colours.css"' in page.content.decode()

    # Editors change the colour on the German source goal (translations follow it).
    source = SustainableDevelopmentGoal.objects.get(number=13, locale__language_code="de")
    source.colour = "#123456"
    source.save()
    assert "--sdg-colour: #123456;" in client.get("/sdg-colours.css").content.decode()


def test_a_cached_page_sends_the_same_policy_its_html_needs(client):
    first = client.get("/de/veranstaltungen/")
    second = client.get("/de/veranstaltungen/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert policy(second)["script-src"] == ["'self'"]
    # Nothing in the cached HTML depends on a per-response nonce.
    assert b"nonce" not in second.content
    assert inline_code(second) == []
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


def test_the_admin_loads_with_its_own_policy(client):
    user = staff_user()
    client.force_login(user)
    event = EventPage.objects.filter(locale__language_code="de").first()
    for url in ("/admin/", f"/admin/pages/{event.pk}/edit/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert "'unsafe-inline'" in csp["script-src"], url
        assert "'unsafe-inline'" in csp["style-src"], url
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"


def test_only_wagtail_previews_may_be_framed_and_only_by_the_site(client):
    client.force_login(staff_user())
    event = EventPage.objects.filter(locale__language_code="de").first()
    response = client.get(f"/admin/pages/{event.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_staff_see_public_pages_with_the_userbar_and_still_no_inline_scripts(client):
    client.force_login(staff_user())
    response = client.get("/en/")
    assert b"wagtail-userbar" in response.content
    csp = policy(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" in csp["script-src"]  # the userbar's accessibility checker


PRINT_HEADERS = """
import json
from django.test import Client
response = Client().get("/i18n/setlang/", secure=True, HTTP_HOST="campaign.example.org")
print(json.dumps(dict(response.headers.items())))
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "SESSION_COOKIE_AGE")}))
"""


def test_production_sends_hsts_and_the_other_headers_and_flags_its_cookies():
    result = run_manage(
        "shell", "-c", PRINT_HEADERS, DATABASE_URL="sqlite://:memory:", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    headers_line, cookies_line = result.stdout.strip().splitlines()[-2:]
    headers = json.loads(headers_line)
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = {
        name: sources
        for name, *sources in (
            part.split() for part in headers["Content-Security-Policy"].split(";")
        )
    }
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "microphone=()" in headers["Permissions-Policy"]
    flags = json.loads(cookies_line)
    assert flags["SESSION_COOKIE_SECURE"] and flags["SESSION_COOKIE_HTTPONLY"]
    assert flags["CSRF_COOKIE_SECURE"] and flags["CSRF_COOKIE_HTTPONLY"]
    assert flags["LANGUAGE_COOKIE_SECURE"] and flags["LANGUAGE_COOKIE_HTTPONLY"]
    assert flags["SESSION_COOKIE_SAMESITE"] == flags["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert 4 * 3600 <= flags["SESSION_COOKIE_AGE"] <= 12 * 3600
