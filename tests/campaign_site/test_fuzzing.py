"""Bad input never breaks the site: generated input for every listing, search, feed and form.

Hypothesis generates query strings and form posts (odd Unicode, control characters, NUL
bytes, huge numbers, repeated and unknown parameters). Whatever comes in, the answer is
never a server error, and a listing says which filters it could not use. The examples are
derandomised, so every run (and CI) tries the same inputs.
"""

import datetime
import json
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events.models import Registration
from insights.models import InsightType
from tests.support.factories import make_event

pytestmark = pytest.mark.django_db

# A few hundred examples per form; the Django client is made inside each example, so the
# function-scoped fixtures (the database) are shared on purpose, and rolled back at the end.
FUZZ = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text as hostile as a query string can carry: any code point, NUL and control characters,
# right-to-left marks, surrogates excluded (they cannot be encoded in a URL at all).
any_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),
    max_size=60,
)
tricky_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999999",
            "1e308",
            "NaN",
            "2027-13",
            "0000-00",
            "9999-99",
            "2027-06-extra",
            "\x00",
            "%00",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "news",
            "17",
            "\u202e",
            "a" * 5000,
            '"',
            '"unbalanced',
            "*",
            "NEAR(",
            "a AND OR",
        ]
    ),
)


def query(names):
    """Query strings over the listing's own parameters and a few unknown ones."""
    return st.lists(
        st.tuples(st.sampled_from([*names, "page", "utm_source", "q[]"]), tricky_text),
        max_size=6,
    )


def get(path, params):
    cache.clear()  # each example is a fresh request, not the cached answer of the last
    return Client().get(path + "?" + urlencode(params, doseq=False))


def assert_no_server_error(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url}"


def filter_error_summary(response):
    html = BeautifulSoup(response.content, "html.parser")
    summary = html.select_one(".form-error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def valid_choices(response, name):
    html = BeautifulSoup(response.content, "html.parser")
    select = html.select_one(f"select[name={name}]")
    if select is None:
        return None
    return {option.get("value", "") for option in select.select("option")}


EVENT_FILTERS = ["when", "format", "region", "topic", "sdg", "organiser", "month"]
INSIGHT_FILTERS = ["type", "sdg", "region", "stakeholder_group", "topic", "partner"]


def check_listing(path, params, filters):
    response = get(path, params)
    assert_no_server_error(response, params)
    assert response.status_code == 200
    # A value the listing cannot use is named in a message, never silently dropped.
    chosen = {}
    for name, value in params:
        chosen[name] = value  # the last value of a repeated parameter is the one used
    for name, value in chosen.items():
        if name not in filters or name == "when":
            continue
        options = valid_choices(response, name)
        if options is not None and value.strip() and value.strip() not in options:
            assert "ignored" in filter_error_summary(response) or "ignoriert" in (
                filter_error_summary(response)
            ), f"no message for {name}={value!r}"


@FUZZ
@given(params=query(EVENT_FILTERS))
def test_event_listing_survives_any_query_string(params):
    check_listing("/en/events/", params, EVENT_FILTERS)


@FUZZ
@given(params=query(INSIGHT_FILTERS))
def test_insight_listing_survives_any_query_string(params):
    check_listing("/en/insights/", params, INSIGHT_FILTERS)


@settings(FUZZ, max_examples=200)
@given(q=tricky_text, extra=query(["q"]))
def test_search_survives_any_query(q, extra):
    response = get("/de/search/", [("q", q), *extra])
    assert_no_server_error(response, q)
    assert response.status_code == 200


FEEDS = [
    "/de/erkenntnisse/feed/rss/",
    "/de/erkenntnisse/feed/atom/",
    "/en/insights/feed/rss/news/",
    "/fr/",
    "/de/veranstaltungen/calendar/",
]


@FUZZ
@given(path=st.sampled_from(FEEDS), params=query(["type", "page", "format"]))
def test_feeds_and_calendars_survive_any_query_string(path, params):
    response = get(path, params)
    assert_no_server_error(response, params)
    assert response.status_code == 200


# Slugs reach the feed view itself (other text is refused by the route already).
feed_type_like = st.one_of(st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True), any_text)


@settings(FUZZ, max_examples=50)
@given(
    insight_type=feed_type_like.filter(
        lambda text: text.strip("/") and text not in {".", "..", *InsightType.values}
    ),
    kind=st.sampled_from(["rss", "atom"]),
)
def test_unknown_feed_types_are_not_found(insight_type, kind):
    from urllib.parse import quote

    response = get(f"/de/erkenntnisse/feed/{kind}/{quote(insight_type, safe='')}/", [])
    assert response.status_code == 404, insight_type


def test_every_insight_type_has_a_feed():
    """The addresses above are the real ones: a known type is served, as a feed."""
    for kind, media_type in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        for insight_type in InsightType.values:
            response = get(f"/de/erkenntnisse/feed/{kind}/{insight_type}/", [])
            assert response.status_code == 200, (kind, insight_type)
            assert response["Content-Type"].startswith(media_type)


@pytest.fixture
def open_event():
    """An upcoming event with room for everyone, a choice question and a text question."""
    questions = [
        {
            "type": "item",
            "id": "6c1d3a39-0000-4000-8000-00000000000a",
            "value": {
                "label": "Sprache",
                "help_text": "",
                "kind": "single_choice",
                "options": ["Deutsch", "Englisch"],
                "required": True,
            },
        },
        {
            "type": "item",
            "id": "6c1d3a39-0000-4000-8000-00000000000b",
            "value": {
                "label": "Themen",
                "help_text": "",
                "kind": "multiple_choice",
                "options": ["Wasser", "Klima", "Bildung"],
                "required": False,
            },
        },
        {
            "type": "item",
            "id": "6c1d3a39-0000-4000-8000-00000000000c",
            "value": {
                "label": "Erwartungen",
                "help_text": "",
                "kind": "long_text",
                "options": [],
                "required": False,
            },
        },
    ]
    registration = json.dumps(
        [
            {
                "type": "on_site",
                "value": {
                    "opens_at": None,
                    "closes_at": None,
                    "capacity": 100000,
                    "waiting_list": True,
                    "questions": questions,
                },
            }
        ]
    )
    return make_event(
        "Offener Dialog",
        timezone.now() + datetime.timedelta(days=20),
        registration=registration,
    )


FORM_FIELDS = [
    "name",
    "email",
    "organisation",
    "stakeholder_group",
    "country",
    "accessibility_needs",
    "q_6c1d3a39-0000-4000-8000-00000000000a",
    "q_6c1d3a39-0000-4000-8000-00000000000b",
    "q_6c1d3a39-0000-4000-8000-00000000000c",
    "consent",
    "website",
]
plausible = {
    "name": st.one_of(st.just("Ana Souza"), tricky_text),
    "email": st.one_of(st.emails(), tricky_text),
    "q_6c1d3a39-0000-4000-8000-00000000000a": st.sampled_from(["0", "1", "2", "-1", "x", ""]),
    "q_6c1d3a39-0000-4000-8000-00000000000b": st.lists(
        st.sampled_from(["0", "1", "2", "3", "a", "\x00"]), max_size=4
    ),
    "consent": st.sampled_from(["on", "", "off", "0"]),
    "website": st.sampled_from(["", "", "", "http://spam.example"]),
}


@st.composite
def registration_posts(draw):
    data = {}
    for name in FORM_FIELDS:
        if draw(st.integers(0, 9)) == 0:
            continue  # a field missing from the post altogether
        data[name] = draw(plausible.get(name, tricky_text))
    for _extra in range(draw(st.integers(0, 2))):
        data[draw(any_text.filter(bool))] = draw(tricky_text)
    return data


@settings(FUZZ, max_examples=300)
@given(data=registration_posts())
def test_registration_form_survives_any_post(open_event, data):
    before = Registration.objects.count()
    before_pk = Registration.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    cache.clear()  # the per-client attempt limit starts afresh for each example
    response = Client().post(open_event.url, data)
    assert_no_server_error(response, data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        # Stored, exactly once, with the address that was typed in; a bot (the trap field)
        # and an address registered already get the same answer, and nothing is added.
        typed = data.get("email", "").strip().lower()
        earlier = Registration.objects.filter(pk__lte=before_pk, email=typed)
        if data.get("website") or earlier.exists():
            assert Registration.objects.count() == before
        else:
            assert Registration.objects.count() == before + 1
            assert Registration.objects.latest("pk").email == typed
    else:
        assert Registration.objects.count() == before
        if not data.get("website"):
            # Refused: the visitor is told why, next to the form.
            html = BeautifulSoup(response.content, "html.parser")
            assert html.select(".form-error-summary, .errorlist, [role=alert]"), data
