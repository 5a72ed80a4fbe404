"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

One browser for the whole run. Each test gets the demo site restored from the snapshot taken
when the test database was built (`serialized_rollback`), so journeys never see each other's
registrations or pages, and the demo is built only once.
"""

import os

import pytest

from django.core.cache import cache

from .support import CHROMIUM, CHROMIUM_ARGS, DESKTOP

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    """Chromium from the system packages (`make install` puts it there).

    Without it the tests skip on a developer's machine and fail in CI, where a missing
    browser must never pass for a green run.
    """
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (run `make install`)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, mailoutbox):
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
