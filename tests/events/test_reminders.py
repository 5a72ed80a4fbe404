"""Emails before the event, sent by the periodic job: the joining details released some
hours before the start, and the reminders. Each once per confirmed registrant, however often
(and on however many servers) the job runs; never to waiting or cancelled people, never
after the start. The clock is moved, never waited for."""

import datetime
import threading
import uuid
from types import SimpleNamespace
from unittest import mock

import pytest

from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, connections
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import Registration, RegistrationMessage
from events.registration import emails, schedule
from events.registration.schedule import send_scheduled_emails
from events.registration.services import cancel_registration, register_for_event
from home.localization import get_locale
from tests.support.commands import run_command
from tests.support.factories import make_event
from tests.support.ical import strict_calendar
from tests.support.registration import answer_link, on_site, without_double_opt_in

LINK = "https://meet.example.org/p2030/erinnerung-2207"
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


def new_event(**fields):
    fields.setdefault("registration", on_site(capacity=2))
    fields.setdefault("online_url", LINK)
    return without_double_opt_in(
        make_event("Erinnerungswerkstatt", timezone.now() + datetime.timedelta(days=10), **fields)
    )


def register(event, capture, email, language="de", name="Ana Souza"):
    with capture(execute=True):
        return register_for_event(event, language=language, name=name, email=email)


def at(moment):
    """The clock of the whole site (models, job, emails) at `moment`."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def run_job(capture, moment):
    with at(moment), capture(execute=True):
        return send_scheduled_emails()


def sent(kind):
    """(address, occasion) of each email of `kind` in the outbox table."""
    return sorted(
        RegistrationMessage.objects.filter(kind=kind).values_list("registration__email", "occasion")
    )


def emails_to(address):
    return [email for email in mail.outbox if email.to == [address]]


@pytest.fixture
def people(db, django_capture_on_commit_callbacks):
    """An online event in ten days, 2 places: Ana and Dan confirmed, Cy cancelled, Bo
    waiting."""
    capture = django_capture_on_commit_callbacks
    event = new_event()
    ana = register(event, capture, "ana@example.org")
    cy = register(event, capture, "cy@example.org", name="Cy Lund")
    with capture(execute=True):
        cancel_registration(cy)
    dan = register(event, capture, "dan@example.org", name="Dan Berg")
    bo = register(event, capture, "bo@example.org", name="Bo Kim")
    assert [r.status for r in (ana, dan, bo)] == ["confirmed", "confirmed", "waiting"]
    mail.outbox.clear()
    return event


# --- joining details released before the start ------------------------------------------


def test_the_joining_details_go_once_to_those_confirmed_when_they_are_released(
    client, people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = people
    event.join_details_release = 24
    event.reminders = []
    event.save_revision().publish()
    release = event.starts_at - 24 * HOUR

    run_job(capture, release - MINUTE)
    assert sent("joining_details") == []

    run_job(capture, release + MINUTE)
    run_job(capture, release + 5 * MINUTE)
    assert sent("joining_details") == [
        ("ana@example.org", "released"),
        ("dan@example.org", "released"),
    ]
    [email] = emails_to("ana@example.org")
    assert email.subject == "So nehmen Sie teil: Erinnerungswerkstatt"
    assert LINK in email.body
    assert emails_to("bo@example.org") == emails_to("cy@example.org") == []

    # Someone confirmed after the release (the freed place offered, the offer accepted)
    # finds the link in their confirmation email instead.
    with at(release + HOUR), capture(execute=True):
        cancel_registration(Registration.objects.get(email="dan@example.org"))
    [offer] = emails_to("bo@example.org")
    assert LINK not in offer.body  # only an offer: no way to join yet
    with at(release + HOUR), capture(execute=True):
        client.post(answer_link(offer, "offer"), {"answer": "accept"})
    assert Registration.objects.get(email="bo@example.org").status == "confirmed"
    [_offer, confirmation] = emails_to("bo@example.org")
    assert LINK in confirmation.body
    run_job(capture, release + 2 * HOUR)
    assert [email for email, _occasion in sent("joining_details")] == [
        "ana@example.org",
        "dan@example.org",
    ]
    assert len(emails_to("bo@example.org")) == 2


def test_no_joining_details_after_the_start(people, django_capture_on_commit_callbacks):
    event = people
    event.join_details_release = 2
    event.save_revision().publish()
    # The job did not run between the release and the start (the server was down).
    run_job(django_capture_on_commit_callbacks, event.starts_at)
    run_job(django_capture_on_commit_callbacks, event.starts_at + HOUR)
    assert sent("joining_details") == []
    assert sent("reminder") == []


# --- reminders ----------------------------------------------------------------------------


def test_each_reminder_goes_once_to_confirmed_people_only(
    people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = people
    start = event.starts_at
    stamp = start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")

    run_job(capture, start - 168 * HOUR - MINUTE)
    assert sent("reminder") == []
    # The job runs every few minutes: the week-before reminder goes once.
    run_job(capture, start - 168 * HOUR + MINUTE)
    run_job(capture, start - 168 * HOUR + 6 * MINUTE)
    assert sent("reminder") == [
        ("ana@example.org", f"168h:{stamp}"),
        ("dan@example.org", f"168h:{stamp}"),
    ]
    run_job(capture, start - 24 * HOUR + MINUTE)
    run_job(capture, start - 24 * HOUR + 6 * MINUTE)
    # At the start and after it, nothing more.
    run_job(capture, start)
    run_job(capture, start + HOUR)
    assert sent("reminder") == [
        ("ana@example.org", f"168h:{stamp}"),
        ("ana@example.org", f"24h:{stamp}"),
        ("dan@example.org", f"168h:{stamp}"),
        ("dan@example.org", f"24h:{stamp}"),
    ]
    assert [email.subject for email in emails_to("ana@example.org")] == [
        "Erinnerung: Erinnerungswerkstatt"
    ] * 2
    assert emails_to("bo@example.org") == emails_to("cy@example.org") == []


def test_the_command_sends_the_due_reminders_once_when_run_twice(
    people, django_capture_on_commit_callbacks
):
    moment = people.starts_at - 24 * HOUR + MINUTE
    with at(moment), django_capture_on_commit_callbacks(execute=True):
        first = run_command("send_scheduled_emails")
        second = run_command("send_scheduled_emails")
    assert "2 reminder(s)" in first
    assert "0 reminder(s)" in second
    assert sorted(email.to[0] for email in mail.outbox) == ["ana@example.org", "dan@example.org"]


def test_a_late_registrant_gets_only_the_reminders_still_ahead(
    db, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = new_event()
    start = event.starts_at
    with at(start - 48 * HOUR):
        late = register(event, capture, "lee@example.org", name="Lee Park")
    run_job(capture, start - 48 * HOUR + MINUTE)
    assert sent("reminder") == []
    run_job(capture, start - 24 * HOUR + MINUTE)
    assert [occasion for _email, occasion in sent("reminder")] == [
        f"24h:{start.astimezone(datetime.UTC):%Y-%m-%dT%H:%MZ}"
    ]
    assert late.messages.filter(kind="reminder").count() == 1


def test_after_an_outage_only_the_latest_reminder_due_is_sent(
    db, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = new_event()
    register(event, capture, "ana@example.org")
    run_job(capture, event.starts_at - 20 * HOUR)
    assert [occasion.split(":")[0] for _email, occasion in sent("reminder")] == ["24h"]


def test_a_moved_event_gets_its_reminders_again_for_the_new_date(
    people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = people
    first_start = event.starts_at
    run_job(capture, first_start - 24 * HOUR + MINUTE)
    assert len(sent("reminder")) == 2
    # Moved a week later, the day before the first date.
    event.start_date += datetime.timedelta(days=7)
    event.save_revision().publish()
    event.refresh_from_db()
    run_job(capture, first_start - 24 * HOUR + 2 * MINUTE)
    assert len(sent("reminder")) == 2
    run_job(capture, event.starts_at - 24 * HOUR + MINUTE)
    stamps = {occasion.split(":", 1)[1] for _email, occasion in sent("reminder")}
    assert len(sent("reminder")) == 4 and len(stamps) == 2


def test_an_event_published_only_in_french_gets_its_reminders(
    db, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = make_event(
        "Atelier rappel",
        timezone.now() + datetime.timedelta(days=10),
        language="fr",
        registration=on_site(),
        online_url=LINK,
    )
    without_double_opt_in(event)
    register(event, capture, "awa@example.org", language="fr", name="Awa Diop")
    mail.outbox.clear()
    run_job(capture, event.starts_at - 24 * HOUR + MINUTE)
    [email] = mail.outbox
    assert email.subject == "Rappel\u00a0: Atelier rappel"


@pytest.mark.parametrize(
    "change", [{"event_status": "cancelled"}, {"event_status": "postponed"}, {"reminders": []}]
)
def test_no_reminders_for_a_cancelled_or_postponed_event_or_when_switched_off(
    people, django_capture_on_commit_callbacks, change
):
    event = people
    for name, value in change.items():
        setattr(event, name, value)
    event.save_revision().publish()
    for hours in (168, 24, 2):
        run_job(django_capture_on_commit_callbacks, event.starts_at - hours * HOUR + MINUTE)
    assert sent("reminder") == []


@pytest.mark.parametrize(
    ("language", "subject", "join"),
    [
        ("en", "Reminder: A workshop on partnerships", "Join online"),
        ("fr", "Rappel\u00a0: Un atelier sur les partenariats", "Participer en ligne"),
    ],
)
def test_the_reminder_is_in_the_registrants_language_with_link_calendar_and_cancel_link(
    db, django_capture_on_commit_callbacks, language, subject, join
):
    capture = django_capture_on_commit_callbacks
    event = new_event(format="hybrid", venue_name="Haus der Partnerschaften", venue_city="Bonn")
    with capture(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale(language)]).create_translations(
            event
        )
    version = event.get_translation(get_locale(language))
    version.title = subject.split(":")[1].strip()
    version.save_revision().publish()
    register(version, capture, "amina@example.org", language=language)
    mail.outbox.clear()

    run_job(capture, event.starts_at - 24 * HOUR + MINUTE)
    [email] = mail.outbox
    assert email.subject == subject
    assert f"{join}" in email.body and LINK in email.body
    assert "Haus der Partnerschaften" in email.body
    assert "/cancel/" in email.body
    assert f'href="{LINK}"' in email.alternatives[0][0]
    [part] = email.attachments
    [vevent] = strict_calendar(part.get_payload(decode=True)).walk("VEVENT")
    assert str(vevent["summary"]) == version.title
    assert LINK in str(vevent["location"])


def test_a_reminder_before_the_release_says_when_the_details_come(
    db, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = new_event(join_details_release=2)
    register(event, capture, "ana@example.org")
    mail.outbox.clear()
    run_job(capture, event.starts_at - 24 * HOUR + MINUTE)
    [email] = mail.outbox
    assert LINK not in email.body
    assert "Die Zugangsinformationen schicken wir Ihnen am" in email.body


# --- two servers at once --------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time, so two jobs queue up instead of racing; "
    "CI's PostgreSQL leg runs this test.",
)
@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_the_same_moment_send_each_reminder_once():
    # Committed rows, seen by both connections; the event's settings as the job reads them
    # (no page needed: the email itself is stubbed).
    moment = timezone.now()
    event = SimpleNamespace(
        translation_key=uuid.uuid4(),
        starts_at=moment + 24 * HOUR - MINUTE,
        reminders=[168, 24],
        event_status="scheduled",
    )
    for number in range(3):
        Registration.objects.create(
            event_key=event.translation_key,
            language="de",
            name=f"Person {number}",
            email=f"person{number}@example.org",
            consent_at=moment - 48 * HOUR,
        )
    Registration.objects.update(status_changed_at=moment - 48 * HOUR)
    # Both jobs have read who still needs the reminder before either writes one.
    both_have_read = threading.Barrier(2, timeout=30)
    write_once = schedule.queue_once

    def write_after_both_read(*args):
        both_have_read.wait()
        return write_once(*args)

    def stub_email(message):
        return EmailMessage("Erinnerung", "…", to=[message.registration.email])

    outcomes, errors = [], []

    def job():
        try:
            outcomes.append(schedule.send_reminders(event, moment))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    with (
        mock.patch.object(schedule, "queue_once", write_after_both_read),
        mock.patch.object(emails, "compose", stub_email),
    ):
        threads = [threading.Thread(target=job) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert len(outcomes) == 2 and sum(outcomes) == 3
    assert RegistrationMessage.objects.filter(kind="reminder").count() == 3
    assert sorted(email.to[0] for email in mail.outbox) == [
        f"person{number}@example.org" for number in range(3)
    ]


def test_a_reminder_that_failed_is_retried_before_the_start_but_never_after_it(
    people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    start = people.starts_at
    with mock.patch.object(emails, "transmit", side_effect=emails.NotSent("server down")):
        run_job(capture, start - 24 * HOUR + MINUTE)
    assert set(
        RegistrationMessage.objects.filter(kind="reminder").values_list("status", flat=True)
    ) == {"failed"}
    assert mail.outbox == []

    # An hour later the mail server is back: the retry sends the day-before reminder.
    with at(start - 23 * HOUR):
        assert emails.retry_unsent() == (2, 0)
    assert len(mail.outbox) == 2

    # A reminder still failing when the event begins stays unsent (staff see it).
    RegistrationMessage.objects.filter(kind="reminder").update(status="failed")
    mail.outbox.clear()
    with at(start + MINUTE):
        assert emails.retry_unsent() == (0, 0)
    assert mail.outbox == []


def test_a_link_set_after_the_release_moment_reaches_each_person_once(
    db, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = new_event(online_url="", join_details_release=24, reminders=[])
    register(event, capture, "ana@example.org")
    release = event.starts_at - 24 * HOUR
    mail.outbox.clear()

    # Released without a link: nothing to send, and no promise of a moment already past.
    run_job(capture, release + MINUTE)
    assert mail.outbox == []
    with at(release + MINUTE):
        late = register(event, capture, "lea@example.org", name="Lea Roth")
    [confirmation] = emails_to("lea@example.org")
    assert "Die Zugangsinformationen schicken wir Ihnen am" not in confirmation.body
    assert late.status == "confirmed"

    # The organisers set the link: a change notice carries it; the job sends nothing more.
    with at(release + HOUR), capture(execute=True):
        event.online_url = LINK
        event.save_revision().publish()
    run_job(capture, release + 2 * HOUR)
    for address in ("ana@example.org", "lea@example.org"):
        with_link = [email for email in emails_to(address) if LINK in email.body]
        assert len(with_link) == 1, address
    assert sent("joining_details") == []
