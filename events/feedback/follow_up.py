"""The one email after an event: its outputs and the link to the feedback form.

Sent by the periodic job (`manage.py send_scheduled_emails`) once the delay the event chose
(`EventPage.follow_up_after`, hours after the end) has passed:

- to the people who attended; for an event without any recorded attendance, to everyone
  confirmed. Never to people waiting, cancelled, lapsed or marked as not having come;
- exactly once per person: the outbox keeps one per registration and occasion, so a job
  that runs twice, or on two servers at once, writes (and sends) it once;
- never after anonymisation (an anonymised registration has no address to write to, and
  its unsent emails are dropped), never for a cancelled or postponed event, and never
  later than `LATE_LIMIT` after its moment (an outage, or a delay changed long after the
  event, does not send a thank-you weeks late).

The email is written in each registrant's language by `events.registration.composing`;
`follow_up_state` tells staff whether it went out, and to how many.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..registration.models import Registration, RegistrationMessage
from ..registration.schedule import write_once
from ..registration.setup import source_versions

FOLLOW_UP_CHOICES = [
    (0, _("none")),
    (2, _("2 hours after the end")),
    (24, _("1 day after the end")),
    (72, _("3 days after the end")),
    (168, _("1 week after the end")),
]
OCCASION = "after-the-event"
LATE_LIMIT = timedelta(days=14)
# The oldest end that can still be due: the longest delay plus the late limit.
HORIZON = timedelta(hours=max(hours for hours, _label in FOLLOW_UP_CHOICES)) + LATE_LIMIT


def due_at(event):
    """When `event`'s follow-up is due, or None when it sends none."""
    if not event.follow_up_after or event.ends_at is None:
        return None
    return event.ends_at + timedelta(hours=event.follow_up_after)


def is_due(event, now):
    """Whether `event` (its source version) sends its follow-up now."""
    moment = due_at(event)
    return (
        moment is not None
        and moment <= now < moment + LATE_LIMIT
        and event.event_status == "scheduled"
    )


def recipients(event):
    """The registrations that get `event`'s follow-up: who attended, or, where no
    attendance was recorded at all, who was confirmed; never anonymised ones."""
    registrations = Registration.objects.filter(
        event_key=event.translation_key, anonymised_at__isnull=True
    )
    confirmed = registrations.filter(status=Registration.Status.CONFIRMED)
    recorded = Registration.objects.filter(event_key=event.translation_key).exclude(
        attendance=Registration.Attendance.UNKNOWN
    )
    if recorded.exists():
        return confirmed.filter(attendance=Registration.Attendance.ATTENDED)
    return confirmed


def events_ended(now):
    """The events whose follow-up may be due now, each once, as its source version."""
    event_model = apps.get_model("events", "EventPage")
    live = event_model.objects.live().filter(
        ends_at__lte=now,
        ends_at__gt=now - HORIZON,
        follow_up_after__gt=0,
        translation_key__in=Registration.objects.filter(
            status=Registration.Status.CONFIRMED, anonymised_at__isnull=True
        ).values("event_key"),
    )
    return source_versions(live)


def send_follow_ups(now=None):
    """Write the follow-ups that are due to the outbox (each sent after its write
    commits). Returns how many were written."""
    now = now or timezone.now()
    written = 0
    for event in events_ended(now):
        if is_due(event, now):
            written += write_once(recipients(event), RegistrationMessage.Kind.FOLLOW_UP, OCCASION)
    return written


@dataclass(frozen=True)
class FollowUpState:
    """What became of an event's follow-up, for staff: `state` is "sent" (to `number`
    people, the first at `first_sent_at`), "due" (at `due`, nobody has it yet), "missed"
    (its time passed and nobody got it) or "none" (the event sends none)."""

    state: str
    number: int = 0
    first_sent_at: datetime | None = None
    due: datetime | None = None


def follow_up_state(event, now=None):
    """What became of `event`'s follow-up (its source version) by `now`: a `FollowUpState`.
    Sent means the registrant's mail server took it."""
    sent = RegistrationMessage.objects.filter(
        registration__event_key=event.translation_key,
        kind=RegistrationMessage.Kind.FOLLOW_UP,
        sent_at__isnull=False,
    ).aggregate(number=Count("registration", distinct=True), first=Min("sent_at"))
    if sent["number"]:
        return FollowUpState("sent", number=sent["number"], first_sent_at=sent["first"])
    moment = due_at(event)
    if moment is None or event.event_status != "scheduled":
        return FollowUpState("none")
    now = now or timezone.now()
    return FollowUpState("missed" if now >= moment + LATE_LIMIT else "due", due=moment)
