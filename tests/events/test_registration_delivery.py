"""Registration emails in production: queued for the background worker, retried by the
scheduler, never sent twice; rate limits per client behind the proxy."""

import datetime
import json
import signal
import threading
import uuid
from unittest import mock

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import connection, connections
from django.test import RequestFactory, override_settings
from django.utils import timezone

from campaign_site.security.client_ip import client_ip
from events.models import Registration, RegistrationMessage
from events.registration import emails
from events.registration.emails import retry_unsent, send
from events.registration.services import register_for_event
from tests.support.factories import make_event
from tests.support.smtp import no_mail_server

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ON_SITE = json.dumps(
    [
        {
            "type": "on_site",
            "value": {
                "opens_at": None,
                "closes_at": None,
                "capacity": 10,
                "waiting_list": True,
                "questions": [],
            },
        }
    ]
)


@pytest.fixture
def event(db):
    return make_event(
        "Werkstatt", timezone.now() + datetime.timedelta(days=10), registration=ON_SITE
    )


def register(event, capture, email="ana@example.org"):
    with capture(execute=True):
        return register_for_event(event, language="de", name="Ana Souza", email=email)


@pytest.fixture
def run_worker():
    """`manage.py run_worker --batch`: work through the queue, then stop."""

    def run():
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        # The worker drops stale connections between tasks; inside a test's transaction
        # that would end the transaction.
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("run_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    return run


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_sends_the_email_that_a_registration_queued(
    event, django_capture_on_commit_callbacks, run_worker
):
    registration = register(event, django_capture_on_commit_callbacks)
    # Nothing is sent inside the visitor's request; the email waits in the queue.
    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="events.registration.emails.deliver_message")
    assert queued.status == "READY"

    run_worker()

    assert [email.to for email in mail.outbox] == [["ana@example.org"]]
    assert registration.messages.get().status == "sent"
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


@override_settings(TASKS=DATABASE_QUEUE)
def test_wagtails_own_tasks_run_in_the_same_worker(
    event, django_capture_on_commit_callbacks, run_worker
):
    DBTaskResult.objects.all().delete()
    event.title = "Werkstatt (neu)"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "wagtail.tasks.update_reference_index_task" in queued

    run_worker()

    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0


def test_a_failed_email_waits_for_the_retry_and_a_fresh_one_for_its_task(
    event, django_capture_on_commit_callbacks
):
    with no_mail_server():
        failed = register(event, django_capture_on_commit_callbacks).messages.get()
    with override_settings(TASKS=DATABASE_QUEUE):
        fresh = register(event, django_capture_on_commit_callbacks, "bo@example.org")
    fresh = fresh.messages.get()
    assert (failed.status, fresh.status) == ("failed", "pending")

    # The retry takes the failed email; the fresh one still belongs to its queued task.
    assert retry_unsent() == (1, 0)
    assert [email.to for email in mail.outbox] == [["ana@example.org"]]

    # A pending email whose task never ran (worker down, queue lost) is sent after the grace.
    RegistrationMessage.objects.filter(pk=fresh.pk).update(
        created_at=timezone.now() - emails.PENDING_GRACE - datetime.timedelta(seconds=1)
    )
    assert retry_unsent() == (1, 0)
    assert mail.outbox[-1].to == ["bo@example.org"]
    assert retry_unsent() == (0, 0)


def test_sending_again_what_was_sent_sends_nothing(event, django_capture_on_commit_callbacks):
    message = register(event, django_capture_on_commit_callbacks).messages.get()
    assert len(mail.outbox) == 1
    assert send(message) is True
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def scheduler_in_test_transaction():
    # Like the worker, the scheduler drops stale connections between jobs.
    return mock.patch("campaign_site.management.commands.run_periodic_jobs.close_old_connections")


def test_the_scheduler_runs_the_retry_and_survives_a_failing_job(
    event, django_capture_on_commit_callbacks
):
    with no_mail_server():
        message = register(event, django_capture_on_commit_callbacks).messages.get()
    jobs = [("no_such_command", 60), ("send_registration_emails", 300)]
    with override_settings(PERIODIC_JOBS=jobs), scheduler_in_test_transaction():
        call_command("run_periodic_jobs", "--once")
    message.refresh_from_db()
    assert message.status == "sent"
    assert mail.outbox[0].to == ["ana@example.org"]


def test_the_default_periodic_jobs_exist_and_run(db):
    from django.conf import settings
    from django.core.management import get_commands

    names = [name for name, _interval in settings.PERIODIC_JOBS]
    assert {"publish_scheduled", "send_registration_emails", "purge_registrations"} <= set(names)
    assert set(names) <= set(get_commands())
    with (
        mock.patch("campaign_site.management.commands.run_periodic_jobs.logger") as logger,
        scheduler_in_test_transaction(),
    ):
        call_command("run_periodic_jobs", "--once")
    logger.exception.assert_not_called()
    assert logger.info.call_count == len(names)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy: the header is the client's own claim
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # forged first entry is ignored
        (2, "203.0.113.9, 192.0.2.7", "203.0.113.9"),
        (2, "", "10.0.0.2"),
    ],
)
def test_rate_limits_count_the_client_behind_trusted_proxies(proxies, forwarded_for, expected):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(TRUSTED_PROXY_COUNT=proxies, FORWARDED_ALLOW_IPS=["10.0.0.0/8"]):
        assert client_ip(request) == expected


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time, so two senders queue up instead of racing; "
    "CI's PostgreSQL leg runs this test.",
)
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_one_email():
    # Committed rows, visible to a second connection; no page needed (the email is stubbed).
    registration = Registration.objects.create(
        event_key=uuid.uuid4(),
        language="de",
        name="Ana Souza",
        email="ana@example.org",
        consent_at=timezone.now(),
    )
    message = RegistrationMessage.objects.create(registration=registration, kind="confirmation")
    sending, release = threading.Event(), threading.Event()

    def slow_compose(outbox_message):
        sending.set()
        release.wait(timeout=30)
        return EmailMessage("Ihre Anmeldung", "…", to=[outbox_message.registration.email])

    outcomes = {}

    def worker():
        try:
            outcomes["worker"] = send(message)
        finally:
            connections.close_all()

    with mock.patch.object(emails, "compose", slow_compose):
        thread = threading.Thread(target=worker)
        thread.start()
        assert sending.wait(timeout=30)
        # The retry comes while the worker is still talking to the mail server.
        outcomes["retry"] = send(message)
        release.set()
        thread.join(timeout=30)

    assert outcomes == {"worker": True, "retry": None}
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    # Afterwards the retry finds nothing left to do.
    assert send(message) is True
    assert len(mail.outbox) == 1
