"""Database out of reach: a friendly 503 page, and the site is back by itself afterwards."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client


def refused(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/de/veranstaltungen/", "Die Website ist vorübergehend nicht erreichbar"),
        ("/en/events/", "The site is temporarily unavailable"),
        ("/fr/", "Le site est temporairement indisponible"),
    ],
)
def test_a_lost_database_gives_a_friendly_503_in_the_visitors_language(path, heading):
    client = Client(raise_request_exception=False)
    with mock.patch.object(connection, "cursor", side_effect=refused):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text(strip=True) == heading
    assert html.html["lang"] == path.split("/")[1]
    # And the moment the database answers again, the page is back.
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_other_server_errors_keep_the_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("home.views.clean_search_query", side_effect=RuntimeError("bug")):
        response = client.get("/de/search/?q=wasser")
    assert response.status_code == 500
    assert "Retry-After" not in response


class SwitchableProxy:
    """A loopback TCP proxy to the database that can be cut and restored, like a network
    failure or a database restart. While cut, connections are refused at once."""

    def __init__(self, host, port):
        self.upstream = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.sockets = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # the listener was closed: the proxy is done
            if not self.up.is_set():
                client.close()
                continue
            server = socket.create_connection(self.upstream)
            with self.lock:
                self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.up.clear()
        with self.lock:
            for end in self.sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.sockets = []

    def restore(self):
        self.up.set()

    def close(self):
        self.cut()
        self.listener.close()
        self.thread.join(timeout=5)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def site_behind_proxy(django_db_setup):
    """The site in its own server process (gunicorn), reaching the test database through a
    proxy the test can cut. Stopped at the end, whatever happens."""
    settings_dict = connection.settings_dict
    proxy = SwitchableProxy(
        settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432)
    )
    proxy.restore()
    port = free_port()
    user = settings_dict["USER"] or "postgres"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign_site.settings.test",
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{proxy.port}/{settings_dict['NAME']}",
        "PAGE_CACHE_SECONDS": "0",  # every visit asks the database
        "REDIS_URL": "",
    }
    if settings_dict["PASSWORD"]:
        env["DATABASE_URL"] = env["DATABASE_URL"].replace(
            f"{user}@", f"{user}:{settings_dict['PASSWORD']}@"
        )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "campaign_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
            "--timeout",
            "60",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(120):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            server.poll()
            assert server.returncode is None, "the server did not start"
            threading.Event().wait(0.5)
        yield f"http://127.0.0.1:{port}", proxy
    finally:
        server.terminate()
        server.wait(timeout=30)
        proxy.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs a database server whose connection can be cut; CI's PostgreSQL leg runs it.",
)
@pytest.mark.django_db
def test_the_site_answers_503_while_postgresql_is_cut_off_and_recovers_by_itself(
    site_behind_proxy,
):
    base, proxy = site_behind_proxy
    # An event page reads its places on every visit; a listing may be answered from what
    # is kept of it (its filters and cards) without the database.
    event = base + "/en/events/online-dialogue-partnerships/"
    assert fetch(event)[0] == 200
    proxy.cut()
    status, text = fetch(event)
    assert status == 503
    assert "The site is temporarily unavailable" in text
    status, text = fetch(base + "/de/")
    assert status == 503
    assert "Die Website ist vorübergehend nicht erreichbar" in text
    proxy.restore()
    # The same server process, no restart: the next visit finds the database again.
    assert fetch(event)[0] == 200
    assert fetch(base + "/de/")[0] == 200
