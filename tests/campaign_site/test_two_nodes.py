"""Two app servers, one site: they share PostgreSQL and Redis, and agree at once.

Starts two gunicorn processes on loopback ports against the test database and the shared
Redis cache, unpublishes a page through one and reads it through the other, then sends
registrations for one event to both. Needs PostgreSQL and Redis (CI's second leg).
"""

import datetime
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from campaign_site.demo import build_demo_site
from events.models import EventIndexPage, EventPage, Registration
from tests.support.factories import make_event
from tests.support.registration import without_double_opt_in

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not settings.REDIS_URL,
    reason="Two app servers need a shared database server and a shared cache: "
    "CI's PostgreSQL leg (DATABASE_URL and REDIS_URL) runs this test.",
)

ROOT = Path(__file__).resolve().parents[2]
CAPACITY = 4
PEOPLE = 16


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def two_nodes():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign_site.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "REGISTRATION_RATE_LIMIT": "100000",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [gunicorn, "campaign_site.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
            + ["--no-control-socket", "--timeout", "60"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/robots.txt", timeout=5)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def get(client, url):
    try:
        with client.open(url, timeout=60) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def post(client, url, fields, referer):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": referer})
    try:
        with client.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_unpublished_on_one_node_is_gone_on_the_other_at_once(two_nodes):
    first, second = two_nodes
    if not EventIndexPage.objects.exists():
        build_demo_site()
    event = make_event("Zwei Server", timezone.now() + datetime.timedelta(days=9))
    index_path = event.get_parent().url
    anonymous = opener()
    for node in (first, second):  # both serve (and cache) the listing with the event
        status, html, _headers = get(anonymous, node + index_path)
        assert status == 200 and "Zwei Server" in html
    status, _html, headers = get(anonymous, second + index_path)
    assert headers.get("X-Page-Cache") == "hit"

    get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456789")
    staff = opener()
    _status, login_page, _headers = get(staff, first + "/admin/login/")
    status, _html = post(
        staff,
        first + "/admin/login/",
        {
            "csrfmiddlewaretoken": token_in(login_page),
            "username": "boss",
            "password": "pw-123456789",
        },
        referer=first + "/admin/login/",
    )
    assert status == 200
    unpublish_url = f"{first}/admin/pages/{event.pk}/unpublish/"
    _status, confirm = get(staff, unpublish_url)[:2]
    status, _html = post(
        staff, unpublish_url, {"csrfmiddlewaretoken": token_in(confirm)}, referer=unpublish_url
    )
    assert status == 200
    assert not EventPage.objects.get(pk=event.pk).live

    status, html, headers = get(anonymous, second + index_path)
    assert status == 200 and "Zwei Server" not in html
    assert get(anonymous, second + event.url)[0] == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registrations_sent_to_both_nodes_never_overbook(two_nodes):
    if not EventIndexPage.objects.exists():
        build_demo_site()
    rules = {
        "opens_at": None,
        "closes_at": None,
        "capacity": CAPACITY,
        "waiting_list": True,
        "questions": [],
    }
    event = make_event(
        "Geteilte Plätze",
        timezone.now() + datetime.timedelta(days=9),
        registration=json.dumps([{"type": "on_site", "value": rules}]),
    )
    # Decided at once (no address confirmation): the test counts places across two nodes.
    without_double_opt_in(event)

    def register(number):
        node = two_nodes[number % 2]
        client = opener()
        _status, page, _headers = get(client, node + event.url)
        fields = {
            "csrfmiddlewaretoken": token_in(page),
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "consent": "on",
        }
        return post(client, node + event.url, fields, referer=node + event.url)[0]

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(register, range(PEOPLE)))
    assert statuses == [200] * PEOPLE  # each lands on its status page after the redirect
    registrations = Registration.objects.filter(event_key=event.translation_key)
    assert registrations.filter(status="confirmed").count() == CAPACITY
    assert registrations.filter(status="waiting").count() == PEOPLE - CAPACITY
    # Both nodes now show the event as full, whichever cached the page first.
    for node in two_nodes:
        _status, html, _headers = get(opener(), node + event.url)
        assert "ausgebucht" in html
