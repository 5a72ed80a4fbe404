"""Emails to registrants, in their language, sent after commit and retried when they fail."""

import logging
from datetime import timedelta

from django_tasks import task

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from .composing import compose
from .models import RegistrationMessage
from .transport import NotSent, mark_for_provider, new_message_id, provider_message_id, transmit

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# How long a new message is left to its queued task before the retry command takes it on.
PENDING_GRACE = timedelta(minutes=5)
# An attempt without an outcome after this long was abandoned (its process died or lost
# the database); one attempt takes at most a few EMAIL_TIMEOUTs (10 s each).
ATTEMPT_LEASE = timedelta(minutes=2)


def deliver_after_commit(message):
    """Send the message once the registration is safely committed (never before)."""
    message_id = message.pk
    transaction.on_commit(lambda: deliver_message.enqueue(message_id))


def send(message):
    """Try to send one outbox message and record the outcome.

    Returns True when the message is sent (now or earlier), False when it was not (this
    attempt failed, or an earlier one may have reached the mail server: see its status),
    None when another process is sending it at this moment. The worker's task, the retry
    command and staff may all call this for the same message.

    The attempt is committed ("being sent") before the email leaves, so a process or
    database that dies after the mail server took the message leaves a trace: the message
    then becomes "possibly sent" and is not sent again by itself. Every attempt carries
    the message's one Message-ID.
    """
    message, outcome = _claim(message)
    if message is None:
        return outcome
    try:
        email = compose(message)
        email.extra_headers["Message-ID"] = message.message_id
        mark_for_provider(email, message)
        # Building the whole message here finds what the mail server would never see (a
        # header with a line break): certainly not sent, rather than "possibly sent".
        email.message()
    except Exception as error:  # noqa: BLE001 - recorded for staff, never raised
        return _record_failure(message, _FAILED, f"{type(error).__name__}: {error}")
    try:
        transmit(email)
    except NotSent as error:
        return _record_failure(message, _FAILED, error)
    except Exception as error:  # noqa: BLE001 - the connection broke after handing it over
        return _record_failure(message, _POSSIBLY_SENT, f"{type(error).__name__}: {error}")
    try:
        _record(
            message,
            status=RegistrationMessage.Status.SENT,
            sent_at=timezone.now(),
            last_error="",
            # A provider's id (anymail) matches its later reports of bounces to this email.
            provider_message_id=provider_message_id(email)[:255],
        )
    except DatabaseError as error:
        # Left "being sent", it becomes "possibly sent" once ATTEMPT_LEASE has passed.
        logger.error(
            "Registration email %s was taken by the mail server, but that could not be "
            "recorded: %s",
            message.pk,
            error,
        )
    return True


_FAILED = RegistrationMessage.Status.FAILED
_POSSIBLY_SENT = RegistrationMessage.Status.POSSIBLY_SENT
_ABANDONED = (
    "The attempt started at {started} ended without a recorded outcome (its process stopped "
    "or lost the database): the mail server may have taken the email."
)


def _claim(message):
    """Record a new attempt and commit it. Returns (message, None) when there is
    something to send, else (None, what `send` answers)."""
    with transaction.atomic():
        message = (
            RegistrationMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("registration__page")
            .filter(pk=message.pk)
            .first()
        )
        if message is None:
            return None, None
        if message.status == RegistrationMessage.Status.SENT:
            return None, True
        if message.status == RegistrationMessage.Status.SENDING:
            if message.attempt_started_at > timezone.now() - ATTEMPT_LEASE:
                return None, None
            settle_abandoned_attempts(RegistrationMessage.objects.filter(pk=message.pk))
            return None, False
        if message.status == _POSSIBLY_SENT:
            return None, False
        if message.registration.anonymised_at is not None:
            # Its address is gone: never sent (`retention` drops such emails).
            return None, False
        message.attempts += 1
        message.status = RegistrationMessage.Status.SENDING
        message.attempt_started_at = timezone.now()
        message.message_id = message.message_id or new_message_id()
        message.save(update_fields=["attempts", "status", "attempt_started_at", "message_id"])
    return message, None


def _record(message, **outcome):
    # Only for the attempt that is still the latest one; a single statement, outside any
    # transaction of ours, so a failing database leaves nothing half-rolled-back.
    RegistrationMessage.objects.filter(pk=message.pk, attempts=message.attempts).update(**outcome)


def _record_failure(message, status, error):
    logger.warning("Registration email %s %s: %s", message.pk, status.value, error)
    _record(message, status=status, last_error=str(error)[:2000])
    return False


def settle_abandoned_attempts(messages=None):
    """Mark attempts that outlived ATTEMPT_LEASE without an outcome "possibly sent":
    the mail server may have taken them, so they are not sent again by themselves.
    Returns how many there were."""
    messages = RegistrationMessage.objects.all() if messages is None else messages
    abandoned = messages.filter(
        status=RegistrationMessage.Status.SENDING,
        attempt_started_at__lte=timezone.now() - ATTEMPT_LEASE,
    )
    abandoned = list(abandoned)
    for message in abandoned:
        started = message.attempt_started_at.isoformat(timespec="seconds")
        _record_failure(message, _POSSIBLY_SENT, _ABANDONED.format(started=started))
    return len(abandoned)


@task()
def deliver_message(message_id):
    """The background task queued after commit: one attempt; failures stay in the outbox
    for `retry_unsent`. It never raises (not even without a database), so the queue never
    retries it and the outbox alone decides what is sent."""
    try:
        message = RegistrationMessage.objects.filter(pk=message_id).first()
        if message is not None:
            send(message)
    except Exception as error:  # noqa: BLE001 - the outbox keeps the message for the retry
        logger.error("Registration email %s: %s (the outbox keeps it)", message_id, error)


# Emails only worth sending before the event starts.
BEFORE_THE_START = [RegistrationMessage.Kind.REMINDER, RegistrationMessage.Kind.JOINING_DETAILS]


def retry_unsent(max_attempts=MAX_ATTEMPTS, grace=PENDING_GRACE):
    """Send what failed earlier, and what is still pending `grace` after it was written
    (its queued task was lost or is stuck); younger pending messages are left to their
    task. Each message gets at most `max_attempts` tries. Attempts abandoned halfway
    become "possibly sent" and are not retried. Reminders and joining details that could
    not go out before their event started are left as they are (staff still see them):
    "tomorrow at 15:00" must not arrive the day after. Returns (sent, failed)."""
    settle_abandoned_attempts()
    sent = failed = 0
    now = timezone.now()
    unsent = (
        RegistrationMessage.objects.filter(attempts__lt=max_attempts)
        .filter(
            Q(status=RegistrationMessage.Status.FAILED)
            | Q(status=RegistrationMessage.Status.PENDING, created_at__lte=now - grace)
        )
        .exclude(kind__in=BEFORE_THE_START, registration__page__starts_at__lte=now)
        .order_by("created_at", "pk")
    )
    for message in unsent:
        outcome = send(message)
        if outcome:
            sent += 1
        elif outcome is False:
            failed += 1
    return sent, failed
