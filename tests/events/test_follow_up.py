"""The email after an event: once per person who took part, in their language, with the
event's outputs and the feedback link; never after anonymisation. The clock is moved."""

import datetime
import threading
import uuid
import zoneinfo
from types import SimpleNamespace
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, connections
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.users.models import UserProfile

from events.feedback.follow_up import LATE_LIMIT, OCCASION, recipients, send_follow_ups
from events.models import Registration, RegistrationMessage
from events.registration import emails, schedule
from events.registration.emails import send
from events.registration.retention import purge
from events.registration.services import cancel_registration
from home.admin.roles import ORGANISERS
from tests.support.commands import run_command
from tests.support.factories import make_insight
from tests.support.feedback import at, event_over, register, translate_feedback
from tests.support.users import member_of

HOUR = datetime.timedelta(hours=1)
FOLLOW_UP = RegistrationMessage.Kind.FOLLOW_UP


def run(capture, moment):
    with at(moment), capture(execute=True):
        return send_follow_ups()


def follow_ups_to(address):
    return [email for email in mail.outbox if email.to == [address] and "/feedback/" in email.body]


@pytest.fixture
def over(db, django_capture_on_commit_callbacks):
    """Ana (German) and Élise (French) confirmed, Cy cancelled, Bo waiting; the event ends at
    `end` and sends its follow-up one day later (the default)."""
    capture = django_capture_on_commit_callbacks
    event, end = event_over()
    translate_feedback(event)
    people = {
        "ana": register(event, capture, "ana@example.org"),
        "elise": register(event, capture, "elise@example.org", language="fr"),
        "cy": register(event, capture, "cy@example.org"),
    }
    with capture(execute=True):
        cancel_registration(people["cy"])
    people["bo"] = register(event, capture, "bo@example.org")
    people["dan"] = register(event, capture, "dan@example.org")
    people["bo"].refresh_from_db()
    assert people["dan"].status == Registration.Status.WAITING
    mail.outbox.clear()
    return event, end, people, capture


def test_sent_once_to_everyone_confirmed_in_their_language(over):
    event, end, people, capture = over
    assert run(capture, end + 23 * HOUR) == 0
    assert run(capture, end + 24 * HOUR) == 3
    assert run(capture, end + 25 * HOUR) == 0
    assert run(capture, end + 3 * 24 * HOUR) == 0
    addresses = sorted(email.to[0] for email in mail.outbox)
    assert addresses == ["ana@example.org", "bo@example.org", "elise@example.org"]
    (german,) = follow_ups_to("ana@example.org")
    assert german.subject == "Danke für Ihre Teilnahme: Partnerschaftswerkstatt"
    assert "Ihr Feedback geben" in german.body
    (french,) = follow_ups_to("elise@example.org")
    assert french.subject == "Merci de votre participation\u00a0: Atelier sur les partenariats"
    assert "Donner votre avis" in french.body
    # No cancel link and no calendar file: the event is over.
    assert "/cancel/" not in french.body
    assert not french.attachments


def test_only_those_who_came_once_attendance_is_recorded(over):
    event, end, people, capture = over
    Registration.objects.filter(pk=people["ana"].pk).update(attendance="attended")
    Registration.objects.filter(pk=people["elise"].pk).update(attendance="no_show")
    assert run(capture, end + 24 * HOUR) == 1
    assert [email.to[0] for email in mail.outbox] == ["ana@example.org"]


def test_the_command_sends_them_and_says_so(over):
    event, end, people, capture = over
    with at(end + 30 * HOUR), capture(execute=True):
        output = run_command("send_scheduled_emails")
    assert "3 follow-up(s)" in output
    assert len(mail.outbox) == 3


def follow_up_at_the_desk(client, event, moment):
    """What the event's learnings page at the desk says of its follow-up at `moment`, to an
    organiser reading the admin in English: (its state, its words)."""
    organiser = member_of(ORGANISERS, username=f"organiser-{uuid.uuid4().hex[:8]}")
    profile = UserProfile.get_for_user(organiser)
    profile.preferred_language = "en"
    profile.save()
    with at(moment):
        client.force_login(organiser)  # a session of that day
        page = client.get(f"/admin/event-desk/{event.pk}/learnings/")
    assert page.status_code == 200
    line = BeautifulSoup(page.content, "html.parser").select_one("[data-follow-up]")
    return line["data-follow-up"], " ".join(line.get_text().split())


def english_date(moment):
    """`moment`'s day in Berlin (the event's zone) as the English admin writes it."""
    with translation.override("en"):
        return date_format(moment.astimezone(zoneinfo.ZoneInfo("Europe/Berlin")), "DATE_FORMAT")


def test_the_desk_shows_whether_the_follow_up_was_sent_and_to_how_many(over, client):
    event, end, people, capture = over
    due = end + 24 * HOUR
    assert follow_up_at_the_desk(client, event, end + HOUR) == (
        "due",
        f"Follow-up not sent yet; due on {english_date(due)}.",
    )
    assert run(capture, due) == 3
    assert follow_up_at_the_desk(client, event, due + 48 * HOUR) == (
        "sent",
        f"Follow-up sent on {english_date(due)} to 3 people.",
    )


def test_the_desk_says_when_no_follow_up_went_out(over, client):
    event, end, people, capture = over
    assert follow_up_at_the_desk(client, event, end + 24 * HOUR + LATE_LIMIT) == (
        "missed",
        "No follow-up was sent.",
    )
    event.follow_up_after = 0
    event.save_revision().publish()
    assert follow_up_at_the_desk(client, event, end + HOUR) == (
        "none",
        "This event sends no follow-up email.",
    )


def test_not_after_the_late_limit_nor_for_a_cancelled_event_nor_when_switched_off(over):
    event, end, people, capture = over
    assert run(capture, end + 24 * HOUR + LATE_LIMIT) == 0
    event.follow_up_after = 0
    event.save_revision().publish()
    assert run(capture, end + 30 * HOUR) == 0
    event.follow_up_after = 2
    event.event_status = "cancelled"
    event.notify_registrants = False
    event.save_revision().publish()
    assert run(capture, end + 3 * HOUR) == 0
    assert not RegistrationMessage.objects.filter(kind=FOLLOW_UP).exists()


def test_never_after_anonymisation(over):
    event, end, people, capture = over
    with at(end + 2 * HOUR):
        assert purge(0) == 5
    assert run(capture, end + 24 * HOUR) == 0
    assert mail.outbox == []


def test_an_unsent_follow_up_is_dropped_by_anonymisation(over):
    event, end, people, capture = over
    with at(end + 24 * HOUR), capture(execute=False):
        assert send_follow_ups() == 3
    assert RegistrationMessage.objects.filter(kind=FOLLOW_UP).count() == 3
    with at(end + 25 * HOUR):
        purge(0)
    assert not RegistrationMessage.objects.filter(kind=FOLLOW_UP).exists()
    assert mail.outbox == []


def test_it_lists_the_outputs_and_insights_saying_which_are_in_another_language(over):
    event, end, people, capture = over
    insight = make_insight("Was wir in der Werkstatt gelernt haben")
    insight.event_links.create(event=event)
    insight.save_revision().publish()
    assert run(capture, end + 24 * HOUR) == 3
    (french,) = follow_ups_to("elise@example.org")
    assert "Was wir in der Werkstatt gelernt haben (en allemand)\u00a0:" in french.body
    (german,) = follow_ups_to("ana@example.org")
    assert "Was wir in der Werkstatt gelernt haben:" in german.body
    assert "(auf Deutsch)" not in german.body
    html = dict((kind, body) for body, kind in french.alternatives)["text/html"]
    assert "Donner votre avis" in html
    assert "en allemand" in html


def test_an_event_without_questions_sends_no_feedback_link(db, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    event, end = event_over(feedback=[])
    register(event, capture, "ana@example.org")
    mail.outbox.clear()
    assert run(capture, end + 24 * HOUR) == 1
    (email,) = mail.outbox
    assert "/feedback/" not in email.body
    assert "Danke für Ihre Teilnahme" in email.subject


def test_a_send_after_anonymisation_sends_nothing(over):
    event, end, people, capture = over
    with at(end + 24 * HOUR), capture(execute=False):
        send_follow_ups()
    message = RegistrationMessage.objects.filter(kind=FOLLOW_UP).first()
    Registration.objects.filter(pk=message.registration_id).update(anonymised_at=end)
    assert send(message) is False
    assert mail.outbox == []


def test_outputs_and_a_note_when_the_event_is_not_in_the_registrants_language(
    db, django_capture_on_commit_callbacks
):
    from tests.support.documents import make_document

    capture = django_capture_on_commit_callbacks
    document = make_document("Ergebnisprotokoll")
    event, end = event_over(
        outputs=[
            (
                "document_download",
                {"document": document, "title_override": "", "description": "", "language": "de"},
            )
        ]
    )
    register(event, capture, "elise@example.org", language="fr")
    mail.outbox.clear()
    assert run(capture, end + 24 * HOUR) == 1
    (email,) = mail.outbox
    assert "La page de l’événement et ses résultats n’existent qu’en allemand." in email.body
    assert f"- Ergebnisprotokoll (en allemand)\u00a0: http://testserver{document.url}" in email.body


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time, so two jobs queue up instead of racing; "
    "CI's PostgreSQL leg runs this test.",
)
# Restores the demo site afterwards like the other transactional tests (a plain flush would
# leave what post_migrate creates, and the next test restoring the demo would collide).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_jobs_at_the_same_moment_send_each_follow_up_once():
    moment = timezone.now()
    event = SimpleNamespace(translation_key=uuid.uuid4())
    for number in range(3):
        Registration.objects.create(
            event_key=event.translation_key,
            language="fr",
            name=f"Personne {number}",
            email=f"personne{number}@example.org",
            consent_at=moment - 48 * HOUR,
            attendance="attended" if number else "no_show",
        )
    # Both jobs have read who still needs the follow-up before either writes one.
    both_have_read = threading.Barrier(2, timeout=30)
    write = schedule.queue_once

    def write_after_both_read(*args):
        both_have_read.wait()
        return write(*args)

    def stub_email(message):
        return EmailMessage("Merci", "…", to=[message.registration.email])

    outcomes, errors = [], []

    def job():
        try:
            outcomes.append(schedule.write_once(recipients(event), FOLLOW_UP, OCCASION))
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
    assert len(outcomes) == 2 and sum(outcomes) == 2
    assert sorted(email.to[0] for email in mail.outbox) == [
        "personne1@example.org",
        "personne2@example.org",
    ]
