"""Emails to registrants, in their language, sent after commit and retried when they fail."""

import logging
from datetime import timedelta
from urllib.parse import urljoin

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from ..calendar import calendar_bytes
from .models import RegistrationMessage
from .tokens import personal_path

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# How long a new message is left to its queued task before the retry command takes it on.
PENDING_GRACE = timedelta(minutes=5)

SUBJECTS = {
    RegistrationMessage.Kind.CONFIRMATION: lambda: _("Your registration: %(event)s"),
    RegistrationMessage.Kind.WAITING: lambda: _("You are on the waiting list: %(event)s"),
    RegistrationMessage.Kind.PROMOTION: lambda: _("A place is free for you: %(event)s"),
    RegistrationMessage.Kind.CANCELLATION: lambda: _("Registration cancelled: %(event)s"),
    RegistrationMessage.Kind.ALREADY_REGISTERED: lambda: _(
        "You are already registered: %(event)s"
    ),
}
# The kinds with a text of their own; the others share "events/emails/registration.txt".
TEMPLATES = {
    RegistrationMessage.Kind.ALREADY_REGISTERED: "events/emails/already_registered.txt",
}


def deliver_after_commit(message):
    """Send the message once the registration is safely committed (never before)."""
    message_id = message.pk
    transaction.on_commit(lambda: deliver_message.enqueue(message_id))


def _personal_url(event, registration, purpose):
    """The absolute address of one of `event`'s personal pages (status, cancellation).

    Emails are written outside any request (by a task or a command), so the address starts
    from the site's public address, WAGTAILADMIN_BASE_URL (also used by the admin's own
    emails); a page whose URL is already absolute (several sites) keeps its own.
    """
    return urljoin(settings.WAGTAILADMIN_BASE_URL, personal_path(event, registration, purpose))


def _event_in_language(registration):
    # Any page type would do: the translation key and locale name the version, `specific`
    # gives the event page with its fields.
    version = Page.objects.filter(
        translation_key=registration.event_key, locale__language_code=registration.language
    ).first()
    return version.specific if version is not None else registration.page


def compose(message):
    """The email for an outbox row, in the registrant's language."""
    registration = message.registration
    event = _event_in_language(registration)
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "kind": message.kind,
            "event_url": event.get_full_url(),
            "status_url": _personal_url(event, registration, "view"),
            "cancel_url": _personal_url(event, registration, "cancel"),
        }
        subject = SUBJECTS[message.kind]() % {"event": event.title}
        template = TEMPLATES.get(message.kind, "events/emails/registration.txt")
        body = render_to_string(template, context)
    email = EmailMessage(subject, body, to=[registration.email])
    if message.kind in (
        RegistrationMessage.Kind.CONFIRMATION,
        RegistrationMessage.Kind.PROMOTION,
    ):
        email.attach(
            f"{event.slug}.ics",
            calendar_bytes([event], language=registration.language),
            "text/calendar",
        )
    return email


def send(message):
    """Try to send one outbox message and record the outcome.

    Returns True when the message is sent (now or earlier), False when this attempt failed,
    None when another process is sending it at this moment. The worker's task, the retry
    command and staff may all call this for the same message: the attempt holds a lock on
    the message's row until its outcome is saved (on SQLite, the database's write lock), so
    one email goes out however many of them try at once.
    """
    with transaction.atomic():
        message = (
            RegistrationMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("registration__page")
            .filter(pk=message.pk)
            .first()
        )
        if message is None:
            return None
        if message.status == RegistrationMessage.Status.SENT:
            return True
        message.attempts += 1
        try:
            compose(message).send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any mail failure is recorded, never raised
            logger.warning("Registration email %s failed: %s", message.pk, error)
            message.status = RegistrationMessage.Status.FAILED
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            message.save(update_fields=["status", "attempts", "last_error"])
            return False
        message.status = RegistrationMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["status", "attempts", "last_error", "sent_at"])
        return True


@task()
def deliver_message(message_id):
    """The background task queued after commit: one attempt; failures stay in the outbox
    for `retry_unsent` (the task itself never raises, so the queue never retries it)."""
    message = RegistrationMessage.objects.filter(pk=message_id).first()
    if message is not None:
        send(message)


def retry_unsent(max_attempts=MAX_ATTEMPTS, grace=PENDING_GRACE):
    """Send what failed earlier, and what is still pending `grace` after it was written
    (its queued task was lost or is stuck); younger pending messages are left to their
    task. Each message gets at most `max_attempts` tries. Returns (sent, failed)."""
    sent = failed = 0
    unsent = (
        RegistrationMessage.objects.filter(attempts__lt=max_attempts)
        .filter(
            Q(status=RegistrationMessage.Status.FAILED)
            | Q(status=RegistrationMessage.Status.PENDING, created_at__lte=timezone.now() - grace)
        )
        .order_by("created_at", "pk")
    )
    for message in unsent:
        outcome = send(message)
        if outcome:
            sent += 1
        elif outcome is False:
            failed += 1
    return sent, failed
