"""What the browser tests share besides fixtures: the browser's settings, viewports, helpers."""

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Every test module here marks itself with this: each test talks to the live server, so it
# needs the demo site committed, and gets it back from the snapshot.
LIVE_DEMO_SITE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def screenshot(page, name):
    """Save a full-page screenshot under tests/browser/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(
        path=SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png", full_page=True
    )


# "No access" as the admin says it in each staff language: Wagtail's message after sending
# someone back to the dashboard, or Django's 403 page (the event desk's refusals are 403s).
NO_ACCESS = re.compile(
    r"keine Berechtigung|keinen Zugang|vous n['’]avez pas (la permission|les autorisations)"
    r"|no permission|do not have permission|403 Forbidden",
    re.IGNORECASE,
)


def every_admin_link_opens(page, scope):
    """Every admin link shown in `scope` (a locator of `page`) opens for the person signed in
    on `page`: no 403, no "no access" message where it leads. Returns the links checked."""
    hrefs = {
        href
        for href in scope.locator("a[href^='/admin/']").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        if "/logout/" not in href
    }
    assert hrefs, "no admin link to check"
    # The page is left while the links are opened, then opened again: an editor left open
    # pings its editing session and autosaves, and the test server shares one SQLite
    # connection between requests that come at the same moment.
    url = page.url
    page.goto("about:blank")
    try:
        for href in sorted(hrefs):
            response = page.request.get(href)
            assert response.status != 403, href
            if "text/html" in response.headers.get("content-type", ""):
                assert not NO_ACCESS.search(response.text()), href
    finally:
        page.goto(url)
        page.wait_for_load_state()
        # Where the editor's start is watched (`watch_the_editor_start`), let it settle.
        watched = page.evaluate("window.editorConnections !== undefined")
        if watched and page.locator("form[data-edit-form]").count():
            wait_for_the_editor(page)
    return hrefs


STAFF_PASSWORD = "a-long-test-password"  # noqa: S105
BROWSER_LANGUAGES = {"de": "de-DE", "en": "en-GB", "fr": "fr-FR"}


def make_staff(username, groups, language="de"):
    """A staff member in `groups` (Group objects or names) who reads the admin in `language`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, f"{username}@example.org", STAFF_PASSWORD)
    user.groups.set(
        [Group.objects.get(name=group) if isinstance(group, str) else group for group in groups]
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def log_in_as(new_page, user, viewport=DESKTOP):
    """A browser page of `user`, signed in to the admin, showing the dashboard in their language."""
    from wagtail.users.models import UserProfile

    language = UserProfile.get_for_user(user).preferred_language or "de"
    page = new_page(language=BROWSER_LANGUAGES.get(language, language), viewport=viewport)
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


# Wagtail's editor (its "unsaved changes" controller) takes the form as it stands two seconds
# after the controller connects as the state edits are measured from; it connects twice while
# the editor starts up, so a change made before the second of those snapshots becomes part of
# it and sends neither a preview update nor an autosave. A person reads the form first; tests
# wait as long, counting the connections and the snapshots.
COUNT_EDITOR_SNAPSHOTS = (
    "window.editorConnections = 0; window.editorSnapshots = 0;"
    "document.addEventListener('w-unsaved:ready', () => { window.editorConnections += 1; });"
    "document.addEventListener('w-unsaved:watch-edits', () => { window.editorSnapshots += 1; });"
    "window.editorAutosaves = 0;"
    "window.editorAutosavesStarted = 0; window.editorAutosavesEnded = 0;"
    "document.addEventListener('w-autosave:save', () => { window.editorAutosavesStarted += 1; });"
    "document.addEventListener('w-autosave:success', () => {"
    " window.editorAutosaves += 1; window.editorAutosavesEnded += 1; });"
    "document.addEventListener('w-autosave:error', () => { window.editorAutosavesEnded += 1; });"
)


def watch_the_editor_start(page):
    """From the next page load on, count how often Wagtail's editor takes its snapshot."""
    page.add_init_script(COUNT_EDITOR_SNAPSHOTS)


def autosaves(page):
    """How many autosaves the watched editor on `page` has finished."""
    return page.evaluate("window.editorAutosaves")


def wait_for_autosave(page, after):
    """Wait until the watched editor has finished an autosave more than `after` and has none
    on its way. Call it once the form holds what was typed: an autosave that took the form
    before, ending after a save clicked now, would be the latest revision, without the
    text; and both would reach the test server at the same moment."""
    page.wait_for_function(
        f"window.editorAutosaves > {int(after)}"
        " && window.editorAutosavesEnded >= window.editorAutosavesStarted"
    )


def wait_for_the_editor(page):
    """Wait until the editor on `page` has taken its last start-up snapshot of the form."""
    page.wait_for_function(
        "window.editorConnections > 0 && window.editorSnapshots >= window.editorConnections"
    )
