"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

One browser for the whole run. Each test gets the demo site restored from the snapshot taken
when the test database was built (`serialized_rollback`), so journeys never see each other's
registrations or pages, and the demo is built only once.
"""

import os
import threading

import pytest

from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from django.test.testcases import LiveServerThread

from .support import CHROMIUM, CHROMIUM_ARGS, DESKTOP


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    """Chromium from the system packages (`make install` puts it there), one for all tests.

    Without it the tests skip on a developer's machine and fail in CI, where a missing
    browser must never pass for a green run.

    Playwright's sync API keeps an event loop running in this thread while the browser is
    open; the ORM calls the tests (and the database fixtures) make meanwhile are still plain
    synchronous ones, so Django's async-safety check is off for exactly that long.
    """
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (run `make install`)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Under the running loop Django hands this thread new connection objects; they need
        # the demo snapshot too, or no test after the first would get the demo site back.
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    # The last test emptied the database; leave the demo site for the tests that follow.
    with django_db_blocker.unblock():
        for alias, snapshot in snapshots.items():
            connections[alias].creation.deserialize_db_from_string(snapshot)


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the server shares the tests' one in-memory connection between its threads:
    two requests at the same moment (the editor's preview update and its autosave, sent by
    the same change) would interleave their transactions ("no such savepoint"). A person's
    browser sends such pairs all the time; PostgreSQL gives each thread its own connection.
    """

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def one_request_at_a_time():
    """On an in-memory SQLite database, the live server (made next) serves one request at
    a time (see `OneRequestAtATime`)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(LiveServerThread, "server_class", OneRequestAtATime)
            yield
    else:
        yield


@pytest.fixture
def site(one_request_at_a_time, live_server, mailoutbox):
    """The live server's address, with a fresh rate limit and an empty outbox."""
    cache.clear()
    return live_server.url


@pytest.fixture
def new_page(browser, site):
    """Opens browser pages in fresh contexts (own cookies, language and viewport)."""
    contexts = []

    def open_page(language="de-DE", viewport=DESKTOP):
        context = browser.new_context(
            base_url=site, locale=language, viewport=viewport, reduced_motion="reduce"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
