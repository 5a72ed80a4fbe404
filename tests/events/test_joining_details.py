"""The join link and access details of an event: never public (page in every language,
calendars, JSON-LD, API, feeds, search, sitemap), but in a confirmed registrant's
confirmation email, its calendar file and their personal page."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone, translation

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration
from events.registration.services import cancel_registration, register_for_event
from events.registration.tokens import personal_path
from events.timing import describe_instant
from home.localization import get_locale
from tests.support.factories import event_index, insight_index, make_event
from tests.support.html import soup, text
from tests.support.ical import strict_calendar
from tests.support.registration import answer_link, on_site, without_double_opt_in

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/p2030/kranich-4711"
ACCESS = "Zugangscode 8305 Kranichsaal"
TITLE = "Kranichdialog über Partnerschaften"


def secrets_in(content):
    """Which of the joining details `content` (bytes or text) contains. Calendar lines
    folded at 75 octets are unfolded first."""
    content = content.decode() if isinstance(content, bytes) else content
    unfolded = content.replace("\r\n ", "").replace("\n ", "")
    return [secret for secret in (LINK, ACCESS) if secret in unfolded]


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    """An upcoming hybrid event with a join link and access details, in de, en and fr."""
    page = make_event(
        TITLE,
        timezone.now() + datetime.timedelta(days=10),
        format="hybrid",
        venue_name="Haus der Partnerschaften",
        venue_city="Bonn",
        online_url=LINK,
        access_details=ACCESS,
        teaser="Ein Dialog über Partnerschaften.",
        registration=on_site(capacity=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(
            user=None, target_locales=[get_locale("en"), get_locale("fr")]
        ).create_translations(page)
    for language in ("en", "fr"):
        page.get_translation(get_locale(language)).save_revision().publish()
    return without_double_opt_in(EventPage.objects.get(pk=page.pk))


def versions(event):
    return [event.get_translation(get_locale(language)) for language in ("de", "en", "fr")]


def register(event, capture, email="ana@example.org", language="de"):
    with capture(execute=True):
        return register_for_event(event, language=language, name="Ana Souza", email=email)


# --- never public ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_the_public_page_says_how_to_join_without_the_link(client, event, language):
    page = event.get_translation(get_locale(language))
    response = client.get(page.url)
    assert response.status_code == 200
    assert secrets_in(response.content) == []
    facts = text(soup(response).find(class_="event-facts"))
    sentence = {
        "de": "Den Link zur Teilnahme erhalten angemeldete Teilnehmende per E-Mail.",
        "en": "The link to join is sent to registered participants.",
        "fr": "Le lien pour participer est envoyé aux personnes inscrites.",
    }
    assert sentence[language] in facts


def test_the_event_page_json_ld_names_the_page_not_the_link(client, event):
    scripts = [
        script.string
        for script in soup(client.get(event.url)).find_all("script", type="application/ld+json")
    ]
    assert any('"VirtualLocation"' in script for script in scripts)
    assert secrets_in("".join(scripts)) == []


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_calendar_files_served_by_the_site_leave_the_joining_details_out(client, event, language):
    page = event.get_translation(get_locale(language))
    one = client.get(page.url + "calendar/")
    feed = client.get(event_index(language).url + "calendar/")
    for response in (one, feed):
        assert response.status_code == 200
        summaries = [str(v["summary"]) for v in strict_calendar(response.content).walk("VEVENT")]
        assert page.title in summaries
        assert secrets_in(response.content) == []


def test_the_api_leaves_the_joining_details_out(client, event):
    listing = client.get("/api/v2/pages/?type=events.EventPage&fields=*&limit=100")
    assert listing.status_code == 200
    assert event.pk in [item["id"] for item in listing.json()["items"]]
    detail = client.get(f"/api/v2/pages/{event.pk}/")
    assert detail.status_code == 200
    assert detail.json()["title"] == TITLE
    for response in (listing, detail):
        assert secrets_in(response.content) == []
        assert "online_url" not in response.content.decode()
        assert "access_details" not in response.content.decode()


def test_feeds_sitemap_and_search_leave_the_joining_details_out(client, event):
    for language in ("de", "en", "fr"):
        for kind in ("rss", "atom"):
            feed = client.get(f"{insight_index(language).url}feed/{kind}/")
            assert feed.status_code == 200
            assert secrets_in(feed.content) == []
    sitemap = client.get("/sitemap.xml")
    assert event.get_full_url() in sitemap.content.decode()
    assert secrets_in(sitemap.content) == []

    found = client.get("/de/search/?q=Kranichdialog")
    assert event.url in [a["href"] for a in soup(found).select(".search-results .card__title a")]
    assert secrets_in(found.content) == []
    # Nothing is found by the words only registrants know.
    for words in ("Kranichsaal", "kranich-4711"):
        hidden = client.get(f"/de/search/?q={words}")
        assert soup(hidden).select(".search-results .card__title a") == []


# --- for confirmed registrants ----------------------------------------------------------------


def test_the_confirmation_email_and_its_calendar_file_carry_the_joining_details(
    event, django_capture_on_commit_callbacks
):
    register(event, django_capture_on_commit_callbacks)
    [email] = mail.outbox
    assert secrets_in(email.body) == [LINK, ACCESS]
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert f'href="{LINK}"' in html
    assert ACCESS in html
    [part] = email.attachments
    [vevent] = strict_calendar(part.get_payload(decode=True)).walk("VEVENT")
    assert LINK in str(vevent["location"])
    assert secrets_in(str(vevent["description"])) == [LINK, ACCESS]


def test_the_waiting_list_email_has_no_joining_details(event, django_capture_on_commit_callbacks):
    register(event, django_capture_on_commit_callbacks)
    register(event, django_capture_on_commit_callbacks, email="bo@example.org")
    waiting = mail.outbox[-1]
    assert waiting.to == ["bo@example.org"]
    assert secrets_in(waiting.body) == []
    assert secrets_in(waiting.alternatives[0][0]) == []


def personal_page(client, event, registration):
    response = client.get(personal_path(event, registration, "view"))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_a_confirmed_registrant_finds_the_joining_details_on_their_personal_page(
    client, event, django_capture_on_commit_callbacks, language
):
    page = event.get_translation(get_locale(language))
    registration = register(page, django_capture_on_commit_callbacks, language=language)
    html = soup(personal_page(client, page, registration))
    assert html.find("a", href=LINK) is not None
    assert ACCESS in text(html)


def test_the_personal_page_always_shows_the_current_link(
    client, event, django_capture_on_commit_callbacks
):
    registration = register(event, django_capture_on_commit_callbacks)
    event.online_url = "https://meet.example.org/p2030/neuer-raum"
    event.save_revision().publish()
    html = soup(personal_page(client, event, registration))
    assert html.find("a", href="https://meet.example.org/p2030/neuer-raum") is not None
    assert html.find("a", href=LINK) is None


def test_before_the_release_the_personal_page_says_when_the_details_come(
    client, event, django_capture_on_commit_callbacks
):
    event.join_details_release = 24
    event.save_revision().publish()
    registration = register(event, django_capture_on_commit_callbacks)
    page = personal_page(client, event, registration)
    assert secrets_in(page.content) == []
    release = event.starts_at - datetime.timedelta(hours=24)
    with translation.override("de"):
        when = describe_instant(release, event.time_zone)
    assert f"Die Zugangsinformationen schicken wir Ihnen am {when}." in text(soup(page))
    # The confirmation email says the same, without the details.
    assert secrets_in(mail.outbox[0].body) == []


def test_waiting_and_cancelled_people_see_no_joining_details(
    client, event, django_capture_on_commit_callbacks
):
    confirmed = register(event, django_capture_on_commit_callbacks)
    waiting = register(event, django_capture_on_commit_callbacks, email="bo@example.org")
    assert waiting.status == Registration.Status.WAITING
    page = personal_page(client, event, waiting)
    assert secrets_in(page.content) == []
    assert "Zugangsinformationen" not in text(soup(page))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(confirmed)
    # The place is offered to the person waiting: no details before they accept it.
    assert secrets_in(personal_page(client, event, waiting).content) == []
    offer = [email for email in mail.outbox if email.to == ["bo@example.org"]][-1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_link(offer, "offer"), {"answer": "accept"})
    # Once they accepted they see the details; the cancelled one not.
    assert secrets_in(personal_page(client, event, waiting).content) == [LINK, ACCESS]
    assert secrets_in(personal_page(client, event, confirmed).content) == []


def test_a_cancelled_event_says_so_and_gives_no_joining_details(
    client, event, django_capture_on_commit_callbacks
):
    registration = register(event, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        event.event_status = "cancelled"
        event.save_revision().publish()
    page = personal_page(client, event, registration)
    assert "Diese Veranstaltung wurde abgesagt" in text(soup(page))
    assert secrets_in(page.content) == []
    public = client.get(event.url)
    assert "Den Link zur Teilnahme erhalten" not in text(soup(public))
    # The cancellation email removes the entry and names no way to join.
    cancelled = [email for email in mail.outbox if email.subject.startswith("Abgesagt")]
    assert cancelled and all(secrets_in(email.body) == [] for email in cancelled)


def test_new_access_details_reach_readers_of_every_language(
    client, event, django_capture_on_commit_callbacks
):
    english = event.get_translation(get_locale("en"))
    registration = register(english, django_capture_on_commit_callbacks, language="en")
    event.access_details = "Zugangscode 9999 Storchensaal"
    event.save_revision().publish()
    assert "Zugangscode 9999 Storchensaal" in text(
        soup(personal_page(client, english, registration))
    )
