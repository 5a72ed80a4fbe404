"""Whether registration emails arrived, for staff: what went wrong in words, bounces
reported by the mail provider, and sending one email again.

With SMTP (the default) the outbox knows what the mail server said when the email was
handed over: taken ("sent"), refused ("failed"), or no clear answer ("possibly sent").
Through a provider connected with django-anymail it also learns what happened later: the
provider's webhook reports a bounce, a rejection or a spam complaint, and `on_tracking`
marks the email "bounced" with the reason.
"""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from .models import Registration, RegistrationMessage
from .transport import METADATA_KEY

logger = logging.getLogger(__name__)

Status = RegistrationMessage.Status
Kind = RegistrationMessage.Kind
State = Registration.Status

# For each kind of email, the registration states in which sending it again still tells
# the truth. A kind missing here is never sent again: "already registered" only said that
# someone tried to register with the address, news that is stale once it failed.
STILL_APPLIES = {
    Kind.CONFIRMATION: {State.CONFIRMED},
    Kind.PROMOTION: {State.CONFIRMED},
    Kind.JOINING_DETAILS: {State.CONFIRMED},
    Kind.REMINDER: {State.CONFIRMED},
    Kind.WAITING: {State.WAITING},
    Kind.CANCELLATION: {State.CANCELLED},
    Kind.EVENT_CHANGED: {State.CONFIRMED, State.WAITING},
    Kind.EVENT_CANCELLED: {State.CONFIRMED, State.WAITING},
    Kind.ORGANISER_MESSAGE: {State.CONFIRMED, State.WAITING},
    # The links to answer work only while the answer is awaited.
    Kind.CONFIRM_ADDRESS: {State.PENDING},
    Kind.OFFER: {State.OFFERED},
    Kind.OFFER_EXPIRED: {State.EXPIRED},
}

# The outcomes staff should look at: the registrant may not have the email.
PROBLEMS = (Status.FAILED, Status.POSSIBLY_SENT, Status.BOUNCED)
# What a provider reports that means the email did not reach its reader (anymail's names).
UNDELIVERED_EVENTS = {"bounced", "rejected", "failed", "complained"}


def problems(messages):
    """The emails among `messages` that may not have reached their registrant and were
    not sent again since (a later email of the same kind, or the same organisers' message,
    reached the mail server)."""
    sent_again = RegistrationMessage.objects.filter(
        Q(organiser_message=OuterRef("organiser_message")) | Q(organiser_message__isnull=True),
        registration=OuterRef("registration"),
        kind=OuterRef("kind"),
        pk__gt=OuterRef("pk"),
        status=Status.SENT,
    )
    return messages.filter(status__in=PROBLEMS).exclude(Exists(sent_again))


def event_problems(event_key):
    """The emails about one event that may not have reached their registrant, newest
    first, with their registrations."""
    return (
        problems(RegistrationMessage.objects.filter(registration__event_key=event_key))
        .select_related("registration")
        .order_by("-created_at", "-pk")
    )


def problem_in_words(message):
    """What happened to an email that may not have arrived, for staff ("" when it did)."""
    if message.status == Status.FAILED:
        return _(
            "The mail server refused the email or could not be reached, so it was not "
            "sent. It is tried again automatically a few times; you can also send it again."
        )
    if message.status == Status.POSSIBLY_SENT:
        return _(
            "The connection to the mail server broke while the email was handed over: it "
            "may have been sent. Ask the registrant before sending it again."
        )
    if message.status == Status.BOUNCED:
        return _(
            "The registrant's mail server did not accept the email (the address may be "
            "wrong or the mailbox full). Check the address, correct it if needed, then "
            "send the email again."
        )
    return ""


def _reported_message(event):
    """The outbox email a provider's report is about, if it is one of ours."""
    messages = RegistrationMessage.objects.all()
    if event.message_id:
        found = messages.filter(provider_message_id=event.message_id).first()
        if found is not None:
            return found
        # Some providers report the Message-ID header we gave the email.
        bracketed = f"<{event.message_id.strip('<>')}>"
        found = messages.filter(message_id=bracketed).first()
        if found is not None:
            return found
    pk = (event.metadata or {}).get(METADATA_KEY, "")
    return messages.filter(pk=int(pk)).first() if str(pk).isdigit() else None


def reason_of(event):
    """The provider's reason for not delivering, as it gave it (for staff to read)."""
    if event.event_type == "complained":
        return _("The recipient marked the email as spam.")
    parts = [event.description, event.mta_response]
    reason = " — ".join(str(part) for part in parts if part)
    return reason or str(event.reject_reason or event.event_type)


def on_tracking(sender, event, esp_name, **kwargs):
    """anymail's `tracking` signal: a bounce, rejection, failure or spam complaint marks
    the registration email it is about "bounced", with the reason. Other reports (queued,
    delivered, opened) change nothing."""
    if event.event_type not in UNDELIVERED_EVENTS:
        return
    message = _reported_message(event)
    if message is None:
        logger.info("%s reported %s for an email that is not ours", esp_name, event.event_type)
        return
    RegistrationMessage.objects.filter(pk=message.pk).update(
        status=Status.BOUNCED, last_error=f"{esp_name}: {reason_of(event)}"[:2000]
    )


class NoLongerApplies(Exception):
    """The email asked for may not be sent again: the reason, for staff, is its text."""


def why_not_again(message):
    """Why `message` may not be sent again to its registration as it is now, for staff
    ("" when it may).

    Confirmation, promotion, joining details and reminders go only to confirmed people,
    the waiting-list email only to people waiting, the cancellation only once cancelled;
    change notices, the event's cancellation and organisers' messages to anyone confirmed
    or waiting. A confirmation re-sent after the person cancelled would say their place
    is confirmed."""
    status = message.registration.status
    if status in STILL_APPLIES.get(message.kind, ()):
        return ""
    if message.kind not in STILL_APPLIES:
        return _(
            "Not sent again: it only told them that someone tried to register with their address."
        )
    if status == State.CANCELLED:
        return _("No longer applies: the registration is now cancelled.")
    if status == State.WAITING:
        return _("No longer applies: the registration is now on the waiting list.")
    if status == State.CONFIRMED:
        return _("No longer applies: the registration is now confirmed.")
    return _("No longer applies: the registration's status is now “%(status)s”.") % {
        "status": message.registration.get_status_display()
    }


def queue_again(registration, message_pk):
    """A copy of `registration`'s email `message_pk` written to the outbox (what it said,
    for the registration as it is now: a corrected address gets it), sent after commit;
    None when there is no such email of theirs. Raises `NoLongerApplies` when the email
    no longer fits the registration's status (`why_not_again`)."""
    from .emails import deliver_after_commit

    if not str(message_pk or "").isdigit():
        return None
    original = registration.messages.filter(pk=int(message_pk)).first()
    if original is None:
        return None
    original.registration = registration
    refusal = why_not_again(original)
    if refusal:
        raise NoLongerApplies(refusal)
    with transaction.atomic():
        # No occasion: the original keeps its place as the one scheduled email.
        again = RegistrationMessage.objects.create(
            registration=registration,
            kind=original.kind,
            details=original.details,
            organiser_message=original.organiser_message,
        )
        deliver_after_commit(again)
    return again
