"""Registration emails when the mail server or the database fails halfway: a real SMTP
server on loopback, and Django's query wrapper to take the database away at a chosen moment.
Whatever fails, an email the mail server may have taken is never sent again by itself."""

import contextlib
import datetime
import threading
import uuid
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone, translation

from events.models import Registration, RegistrationMessage
from events.registration import emails
from events.registration.emails import deliver_message, retry_unsent
from events.registration.services import register_for_event
from tests.support.factories import make_event
from tests.support.registration import on_site
from tests.support.smtp import mail_server, no_mail_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return make_event(
        "Werkstatt", timezone.now() + datetime.timedelta(days=10), registration=on_site(10)
    )


@pytest.fixture
def pending_message(event, django_capture_on_commit_callbacks):
    """A registration's confirmation, written to the outbox; its task has not run yet."""
    with django_capture_on_commit_callbacks(execute=False):
        registration = register_for_event(event, language="de", name="Ana", email="ana@example.org")
    return registration.messages.get()


@contextlib.contextmanager
def database_unreachable_while(down):
    """Every query fails as on a lost connection while the event `down` is set."""

    def fail_while_down(execute, sql, params, many, context):
        if down.is_set():
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_while_down):
        yield


def after_the_retry_interval(message):
    """As if the scheduler's next retry came a while later."""
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    RegistrationMessage.objects.filter(pk=message.pk).update(
        created_at=long_ago, attempt_started_at=long_ago
    )


def shown_to_staff(client, message):
    page = client.get(f"/admin/registrations/{message.registration_id}/manage/")
    assert page.status_code == 200
    with translation.override(page.headers["Content-Language"]):
        return str(RegistrationMessage.Status(message.status).label) in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_email_the_mail_server_took_is_not_sent_again_when_the_database_fails_right_after(
    client,
):
    # Committed rows, as in production, where each attempt commits on its own; no page
    # needed (the email's text is not what this is about).
    registration = Registration.objects.create(
        event_key=uuid.uuid4(),
        language="de",
        name="Ana Souza",
        email="ana@example.org",
        consent_at=timezone.now(),
    )
    message = RegistrationMessage.objects.create(registration=registration, kind="confirmation")
    confirmation = EmailMessage("Ihre Anmeldung", "Bis bald.", to=["ana@example.org"])

    down = threading.Event()
    with (
        mail_server() as server,
        database_unreachable_while(down),
        mock.patch.object(emails, "compose", return_value=confirmation),
    ):
        server.on_accept = down.set
        result = deliver_message.enqueue(message.pk)
        # The task swallowed the database error: it never fails.
        assert result.status == "SUCCESSFUL"
        assert len(server.received) == 1

        down.clear()  # the database is back
        message.refresh_from_db()
        # The attempt was recorded before the email left.
        assert (message.status, message.attempts) == ("sending", 1)
        assert message.message_id == server.received[0]["Message-ID"]

        after_the_retry_interval(message)
        assert retry_unsent() == (0, 0)
        assert len(server.received) == 1

    message.refresh_from_db()
    assert message.status == "possibly_sent"
    client.force_login(
        get_user_model().objects.create_superuser(
            "outbox-checker", "checker@example.org", "pw-123456789"
        )
    )
    assert shown_to_staff(client, message)


def test_an_email_whose_acceptance_was_not_heard_is_marked_possibly_sent(pending_message):
    with mail_server() as server, override_settings(EMAIL_TIMEOUT=0.3):
        # The server takes the message but answers after the client stopped waiting.
        server.reply_delay = 1
        assert emails.send(pending_message) is False
        pending_message.refresh_from_db()
        assert pending_message.status == "possibly_sent"
        assert "timed out" in pending_message.last_error

        after_the_retry_interval(pending_message)
        retry_unsent()
        assert len(server.received) == 1


def test_every_attempt_of_an_email_carries_the_same_message_id(pending_message):
    with no_mail_server():
        # No mail server at all: certainly not sent, so retried.
        assert emails.send(pending_message) is False
    pending_message.refresh_from_db()
    assert pending_message.status == "failed"

    with mail_server() as server:
        server.refuse_next = ["451 4.3.0 Try again later"]
        assert retry_unsent() == (0, 1)
        assert retry_unsent() == (1, 0)

    pending_message.refresh_from_db()
    assert (pending_message.status, pending_message.attempts) == ("sent", 3)
    assert pending_message.message_id
    message_ids = [message["Message-ID"] for message in server.refused + server.received]
    assert message_ids == [pending_message.message_id] * 2


def test_the_task_never_fails_even_without_a_database(pending_message):
    down = threading.Event()
    down.set()
    with mail_server() as server:
        with database_unreachable_while(down):
            result = deliver_message.enqueue(pending_message.pk)
        assert result.status == "SUCCESSFUL"
        assert server.received == []

        # Nothing was sent, so the retry sends it once the database is back.
        after_the_retry_interval(pending_message)
        assert retry_unsent() == (1, 0)
        assert len(server.received) == 1
