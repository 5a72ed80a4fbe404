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
