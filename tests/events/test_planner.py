"""The access and interpretation planner: the form asks for needs and a language, the desk
sums them up for the people coming (never the cancelled or lapsed), and the organisers get
the summary by email once, in their own language, at the deadline they set before the start."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from events.models import EventPage, Registration, RegistrationList
from events.registration.admin_forms import AddRegistrationForm, EditRegistrationForm
from events.registration.planner import send_due_summaries, summarise
from events.registration.services import cancel_registration, register_for_event
from home.admin.roles import EDITORS, ORGANISERS, PUBLISHERS
from tests.browser.support import make_staff
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

Need = Registration.Need
Status = Registration.Status


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def event():
    return make_event(
        "Dialog über Partnerschaften",
        timezone.now() + datetime.timedelta(days=10),
        registration=on_site(capacity=3, waiting_list=True),
    )


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# --- the form --------------------------------------------------------------------------


def test_the_form_asks_for_needs_and_a_language_with_nothing_chosen(client, event):
    form = soup_of(client.get(event.url)).select_one("form.registration-form")
    legends = {legend.get_text(" ", strip=True): legend.parent for legend in form.select("legend")}
    with translation.override("de"):  # the visitor reads the German page
        caption = gettext("Access needs")
    needs = next(fieldset for text, fieldset in legends.items() if text.startswith(caption))
    assert needs.name == "fieldset"
    boxes = needs.select("input[type=checkbox]")
    assert [box["value"] for box in boxes] == [value for value, _label in Need.choices]
    assert not any(box.has_attr("checked") for box in boxes)
    # Each box is labelled by its need, in the visitor's language (the German page).
    with translation.override("de"):
        labels = [str(label) for _value, label in Need.choices]
    assert [box.find_parent("label").get_text(strip=True) for box in boxes] == labels
    language = form.select_one("select[name=preferred_language]")
    assert form.select_one(f'label[for="{language["id"]}"]') is not None
    options = [(option["value"], option.get_text()) for option in language.select("option")]
    assert options[1:] == [("de", "Deutsch"), ("en", "English"), ("fr", "Français")]
    assert options[0][0] == ""
    assert not any(option.has_attr("selected") for option in language.select("option")[1:])


def test_the_form_stores_the_needs_and_the_language(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.url,
            {
                "name": "Ana Souza",
                "email": "ana@example.org",
                "needs": [Need.SIGN_LANGUAGE, Need.STEP_FREE],
                "preferred_language": "fr",
                "consent": "on",
                "website": "",
            },
        )
    assert response.status_code in (200, 302)
    registration = Registration.objects.get(email="ana@example.org")
    assert sorted(registration.needs) == sorted([Need.SIGN_LANGUAGE, Need.STEP_FREE])
    assert registration.preferred_language == "fr"


def test_nothing_chosen_stores_no_needs_and_no_language(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            event.url,
            {"name": "Ben Brown", "email": "ben@example.org", "consent": "on", "website": ""},
        )
    registration = Registration.objects.get(email="ben@example.org")
    assert registration.needs == []
    assert registration.preferred_language == ""


def test_staff_forms_take_and_show_needs_and_language(
    client, event, django_capture_on_commit_callbacks
):
    client.force_login(make_staff("orga-en", [ORGANISERS], language="en"))
    page = soup_of(client.get("/admin/registrations/new/"))
    assert [box["value"] for box in page.select("input[name=needs]")] == Need.values
    assert page.select_one("select[name=preferred_language]") is not None
    form = AddRegistrationForm(
        data={
            "event": event.pk,
            "language": "de",
            "name": "Chloé Caron",
            "email": "chloe@example.org",
            "needs": [Need.CAPTIONS],
            "preferred_language": "en",
            "consent": "on",
        }
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        registration = form.register()
    registration.refresh_from_db()
    assert registration.needs == [Need.CAPTIONS]
    assert registration.preferred_language == "en"
    edit = EditRegistrationForm(instance=registration)
    boxes = BeautifulSoup(str(edit["needs"]), "html.parser").select("input[name=needs]")
    assert [box["value"] for box in boxes if box.has_attr("checked")] == [Need.CAPTIONS]
    assert edit["preferred_language"].value() == "en"


# --- the sums --------------------------------------------------------------------------


def register(event, name, language, needs, capture):
    with capture(execute=True):
        return register_for_event(
            event,
            language="de",
            by_staff=True,
            name=name,
            email=f"{name.lower()}@example.org",
            needs=needs,
            preferred_language=language,
        )


@pytest.fixture
def registered(event, django_capture_on_commit_callbacks):
    """Three places: Anna, Bruno and Carla hold one, Dina and Emil wait; Anna cancels, so
    Dina moves up (or is offered her place). Others lapsed or gave no address in time."""
    capture = django_capture_on_commit_callbacks
    anna = register(event, "Anna", "fr", [Need.SIGN_LANGUAGE, Need.STEP_FREE], capture)
    register(event, "Bruno", "fr", [Need.CAPTIONS], capture)
    register(event, "Carla", "de", [], capture)
    register(event, "Dina", "fr", [Need.SIGN_LANGUAGE], capture)
    register(event, "Emil", "en", [Need.STEP_FREE], capture)
    with capture(execute=True):
        cancel_registration(anna)
    now = timezone.now()
    common = {"event_key": event.translation_key, "page": event, "language": "de"}
    for name, status, holds_place, expires_at, language, needs in [
        # Lapsed: never counted.
        ("Fritz", Status.EXPIRED, False, None, "fr", [Need.HEARING_LOOP]),
        # Its time ran out, not swept yet: holds nothing any more.
        ("Gina", Status.PENDING, True, now - datetime.timedelta(minutes=1), "fr", [Need.STEP_FREE]),
        # Address not confirmed yet, waiting for a place meanwhile.
        (
            "Hugo",
            Status.PENDING,
            False,
            now + datetime.timedelta(hours=1),
            "en",
            [Need.HEARING_LOOP],
        ),
    ]:
        Registration.objects.create(
            **common,
            name=name,
            email=f"{name.lower()}@example.org",
            status=status,
            holds_place=holds_place,
            expires_at=expires_at,
            preferred_language=language,
            needs=needs,
            consent_at=now,
        )
    return event


def lines(summary):
    return {
        line.key: (line.confirmed, line.waiting)
        for line in summary.needs + summary.languages + [summary.people]
    }


def test_the_sums_count_who_holds_a_place_and_who_waits_after_cancellations(registered):
    with translation.override("en"):
        summary = summarise(registered.translation_key)
    assert lines(summary) == {
        "need:sign_language": (1, 0),  # Dina moved up; Anna cancelled
        "need:step_free": (0, 1),  # Emil waits; Anna cancelled, Gina lapsed
        "need:captions": (1, 0),
        "need:hearing_loop": (0, 1),  # Hugo; Fritz lapsed
        "need:easy_language": (0, 0),
        "language:de": (1, 0),
        "language:en": (0, 2),
        "language:fr": (2, 0),
        "people": (3, 2),
    }
    assert [line.label for line in summary.languages] == [
        "Prefer German",
        "Prefer English",
        "Prefer French",
    ]


def test_the_desk_shows_the_sums_and_leads_to_them(client, registered):
    client.force_login(make_staff("orga-en", [ORGANISERS], language="en"))
    desk = soup_of(client.get(f"/admin/event-desk/{registered.pk}/"))
    link = desk.select_one("[data-planner-link]")
    assert link.get_text(strip=True) == "Access and interpretation"
    page = soup_of(client.get(link["href"]))

    def row(table, key):
        cells = page.select_one(f'[data-planner="{table}"] [data-line="{key}"]')
        return (
            cells.th.get_text(strip=True),
            int(cells.select_one('[data-column="confirmed"]').get_text()),
            int(cells.select_one('[data-column="waiting"]').get_text()),
        )

    assert row("languages", "language:fr") == ("Prefer French", 2, 0)
    assert row("needs", "need:sign_language") == ("Sign language interpretation", 1, 0)
    assert row("needs", "need:step_free") == ("Step-free access", 0, 1)
    assert row("totals", "people") == ("People counted", 3, 2)


def test_has_needs_at_the_desk_includes_ticked_needs(client, registered):
    client.force_login(make_staff("orga-en", [ORGANISERS], language="en"))
    page = soup_of(client.get(f"/admin/event-desk/{registered.pk}/", {"has_needs": "true"}))
    names = [cell.get_text(strip=True) for cell in page.select("#listing-results td.title")]
    assert "Bruno" in names and "Emil" in names
    assert "Carla" not in names
    cells = [cell.get_text(strip=True) for cell in page.select("#listing-results td")]
    assert "Live captions" in cells
    page = soup_of(client.get(f"/admin/event-desk/{registered.pk}/", {"has_needs": "false"}))
    names = [cell.get_text(strip=True) for cell in page.select("#listing-results td.title")]
    assert names == ["Carla"]


# --- the deadline and the email -------------------------------------------------------


def planner_url(event):
    return f"/admin/event-desk/{event.pk}/planner/"


def post_deadline(client, event, value):
    moment = value.astimezone(event.timing.zone)
    return client.post(planner_url(event), {"deadline": moment.strftime("%Y-%m-%d %H:%M")})


def test_a_deadline_after_the_start_is_refused_in_the_staff_members_language(client, event):
    client.force_login(make_staff("orga-en", [ORGANISERS], language="en"))
    response = post_deadline(client, event, event.starts_at + datetime.timedelta(hours=1))
    page = soup_of(response)
    assert "The summary must be sent before the event starts" in page.get_text()
    assert not RegistrationList.objects.filter(
        event_key=event.translation_key, needs_deadline__isnull=False
    ).exists()


def test_a_deadline_before_the_start_is_saved(client, event):
    client.force_login(make_staff("orga-en", [ORGANISERS], language="en"))
    deadline = (event.starts_at - datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = post_deadline(client, event, deadline)
    assert response.status_code == 302
    saved = RegistrationList.objects.get(event_key=event.translation_key)
    assert saved.needs_deadline == deadline
    page = soup_of(client.get(planner_url(event)))
    assert "The organisers get this summary by email on" in page.get_text(" ", strip=True)


def test_staff_who_may_only_see_registrations_cannot_set_the_deadline(client, event):
    client.force_login(make_staff("publisher", [PUBLISHERS], language="en"))
    page = soup_of(client.get(planner_url(event)))
    assert page.select("input[name=deadline]") == []
    response = post_deadline(client, event, event.starts_at - datetime.timedelta(days=1))
    assert response.status_code == 403
    assert not RegistrationList.objects.filter(
        event_key=event.translation_key, needs_deadline__isnull=False
    ).exists()


@pytest.fixture
def staff():
    """Who may see registrations (organisers, publishers), in their admin languages; and
    who may not get the summary: an editor, a former organiser, one without an address."""
    people = {
        "de": make_staff("orga-de", [ORGANISERS], language="de"),
        "fr": make_staff("orga-fr", [ORGANISERS], language="fr"),
        "none": make_staff("orga-none", [ORGANISERS], language=""),
        "publisher": make_staff("publisher-en", [PUBLISHERS], language="en"),
    }
    make_staff("editor", [EDITORS], language="en")
    former = make_staff("former", [ORGANISERS])
    former.is_active = False
    former.save()
    silent = make_staff("silent", [ORGANISERS])
    silent.email = ""
    silent.save()
    return people


def set_due(event, deadline):
    RegistrationList.objects.update_or_create(
        event_key=event.translation_key, defaults={"needs_deadline": deadline}
    )


def test_the_summary_goes_once_to_who_may_see_registrations_in_their_language(
    registered, staff, mailoutbox
):
    mailoutbox.clear()  # the registrants' own emails
    set_due(registered, timezone.now() - datetime.timedelta(minutes=1))
    call_command("send_needs_summaries")
    call_command("send_needs_summaries")
    by_address = {message.to[0]: message for message in mailoutbox}
    assert len(mailoutbox) == len(by_address)  # nobody twice
    expected = {f"{user.username}@example.org" for user in staff.values()}
    superusers = {"admin@localhost"}  # the demo's superuser may see registrations too
    assert set(by_address) == expected | superusers

    german, french = by_address["orga-de@example.org"], by_address["orga-fr@example.org"]
    assert german.body.startswith("Guten Tag,")
    assert french.body.startswith("Bonjour,")
    # No admin language chosen: German.
    assert by_address["orga-none@example.org"].body.startswith("Guten Tag,")
    assert by_address["publisher-en@example.org"].body.startswith("Hello,")
    start = registered.starts_at.astimezone(registered.timing.zone)
    for message, language in ((german, "de"), (french, "fr")):
        with translation.override(language):
            assert date_format(start, "DATE_FORMAT") in message.body
            assert get_language_name("fr") in message.body
        assert registered.title in message.subject
        assert f"/admin/event-desk/{registered.pk}/planner/" in message.body
        # Numbers only: no name of anyone registered.
        for name in ("Bruno", "Carla", "Dina", "Emil", "Hugo"):
            assert name not in message.body
    english = by_address["publisher-en@example.org"].body
    assert "Prefer French: 2 with a place, 0 waiting" in english
    assert "Sign language interpretation: 1 with a place, 0 waiting" in english
    assert "Step-free access: 0 with a place, 1 waiting" in english
    assert RegistrationList.objects.get(event_key=registered.translation_key).needs_sent_at


def get_language_name(code):
    from django.utils.translation import get_language_info

    return str(get_language_info(code)["name_translated"])


def test_no_summary_before_the_deadline_or_after_anonymisation(registered, staff, mailoutbox):
    mailoutbox.clear()  # the registrants' own emails
    set_due(registered, timezone.now() + datetime.timedelta(hours=1))
    assert send_due_summaries() == 0
    assert mailoutbox == []
    # The deadline comes, but the registrations are anonymised by then.
    Registration.objects.filter(event_key=registered.translation_key).update(
        anonymised_at=timezone.now()
    )
    assert send_due_summaries(now=timezone.now() + datetime.timedelta(hours=2)) == 0
    assert mailoutbox == []
    assert RegistrationList.objects.get(event_key=registered.translation_key).needs_sent_at is None


def test_the_summary_job_is_a_periodic_job(settings):
    assert "send_needs_summaries" in [name for name, _interval in settings.PERIODIC_JOBS]


def test_the_summary_goes_out_in_the_event_language_version_of_each_reader(
    registered, staff, mailoutbox, django_capture_on_commit_callbacks
):
    from wagtail_localize.operations import TranslationCreator

    from home.localization import get_locale

    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("fr")]).create_translations(
            registered
        )
    french = registered.get_translation(get_locale("fr"))
    french.title = "Dialogue sur les partenariats"
    french.save_revision().publish()
    set_due(registered, timezone.now() - datetime.timedelta(minutes=1))
    mailoutbox.clear()  # the registrants' own emails
    send_due_summaries()
    by_address = {message.to[0]: message for message in mailoutbox}
    assert "Dialogue sur les partenariats" in by_address["orga-fr@example.org"].subject
    assert "Dialog über Partnerschaften" in by_address["orga-de@example.org"].subject
    assert EventPage.objects.filter(translation_key=registered.translation_key).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_jobs_at_the_same_moment_send_the_summary_once(tmp_path, mailoutbox):
    """Two servers run the job at once: the event's list row is locked while the summary is
    sent and marked, so the second finds it sent (PostgreSQL: SELECT ... FOR UPDATE;
    SQLite: its write lock, taken when each transaction begins)."""
    from tests.events.test_registration_concurrency import on_a_database_every_thread_can_open

    with on_a_database_every_thread_can_open(tmp_path):
        send_at_once(mailoutbox)


def send_at_once(mailoutbox):
    import threading
    import time
    from unittest import mock

    from django.db import connections

    from campaign_site.demo import build_demo_site
    from events.models import EventIndexPage
    from events.registration import planner

    if not EventIndexPage.objects.exists():
        build_demo_site()
    event = make_event(
        "Gleichzeitig", timezone.now() + datetime.timedelta(days=5), registration=on_site()
    )
    make_staff("orga-race", [ORGANISERS], language="de")
    set_due(event, timezone.now() - datetime.timedelta(minutes=1))
    compose = planner.compose_summary

    def slowly(*args, **kwargs):
        time.sleep(0.3)  # the other job arrives while this one is sending
        return compose(*args, **kwargs)

    start, errors, sent = threading.Barrier(2), [], []

    def job():
        try:
            start.wait()
            sent.append(planner.send_due_summaries())
        except Exception as error:  # noqa: BLE001 - collected and asserted
            errors.append(repr(error))
        finally:
            connections.close_all()

    with mock.patch.object(planner, "compose_summary", slowly):
        threads = [threading.Thread(target=job) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert sorted(sent)[0] == 0
    addresses = [message.to[0] for message in mailoutbox]
    assert addresses.count("orga-race@example.org") == 1
