"""Emails sent before an event by the periodic job (`manage.py send_scheduled_emails`).

Two kinds, both to confirmed registrants only, in each registrant's language (written by
`composing` like every registration email, with the calendar file and the cancel link):

- **Joining details** (`JOINING_DETAILS`), when the event releases its join link and access
  details some hours before the start (`EventPage.join_details_release`): once per person
  confirmed before that moment. People confirmed later, or on an event that releases them
  at once, find them in their confirmation or promotion email.
- **Reminders** (`REMINDER`), at each offset the event chose (`EventPage.reminders`, hours
  before the start; none when all are unticked).

The rules, whatever the clock or how often the job runs:

- Never to waiting or cancelled people, never at or after the start, never for an event
  that is cancelled or postponed (its registrants get the change notice instead).
- Exactly once per registrant and occasion: each email is written to the outbox with an
  `occasion` the database keeps unique per registration and kind, so a job that runs twice,
  or on two servers at the same moment, writes (and sends) it once. The occasion of a
  reminder names the start it was for ("24h:2026-12-09T17:00Z"): a moved event gets its
  reminders again, for its new date.
- A reminder goes to people who were confirmed before its moment: someone who registers two
  days before the start gets no "one week before" reminder, but the one a day before. Only
  the latest reminder that is due is sent: when the job catches up after an outage, a
  registrant gets one reminder, not every one that was missed.

The settings (start, release, reminders, status) are read from the source version: they are
the same in every language.
"""

from dataclasses import dataclass
from datetime import UTC, timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..timing import JOIN_DETAILS_RELEASE_CHOICES, REMINDER_CHOICES
from .joining import event_joining_details, release_at
from .models import Registration, RegistrationMessage
from .setup import source_versions

Kind = RegistrationMessage.Kind

# Occasion of the released joining details: once per registration (a link changed later is
# a change notice, not a second release).
RELEASE_OCCASION = "released"
# How far ahead of its start an event can need an email from this job.
HORIZON = timedelta(
    hours=max(hours for hours, _label in [*REMINDER_CHOICES, *JOIN_DETAILS_RELEASE_CHOICES])
)


@dataclass
class Outcome:
    """How many emails one run wrote to the outbox."""

    joining_details: int = 0
    reminders: int = 0


def reminder_occasion(hours, starts_at):
    """The occasion of the reminder `hours` before the start `starts_at`, e.g.
    "168h:2026-12-09T17:00Z" (the start in UTC)."""
    return f"{hours}h:{starts_at.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


def reminder_hours(event):
    """The event's reminders, in hours before the start, nearest to the start first; values
    that are no positive whole number of hours are ignored."""
    values = event.reminders if isinstance(event.reminders, list) else []
    return sorted({value for value in values if isinstance(value, int) and value > 0})


def due_reminder(event, now):
    """The reminder offset (hours) whose moment has come most recently, or None: before the
    first moment, at or after the start, and for a cancelled or postponed event."""
    if not _may_email(event, now):
        return None
    for hours in reminder_hours(event):
        if event.starts_at - timedelta(hours=hours) <= now:
            return hours
    return None


def joining_details_due(event, now):
    """Whether the event's joining details are released by now and still worth sending:
    released some hours before the start (not at once), before the start, with a link or
    access details to send, for an event that takes place."""
    moment = release_at(event)
    return (
        moment is not None
        and moment <= now
        and _may_email(event, now)
        and event_joining_details(event) is not None
    )


def _may_email(event, now):
    return now < event.starts_at and event.event_status == "scheduled"


def events_ahead(now):
    """The events with confirmed registrants that may need an email from this job now, each
    once, as its source version (an event published only in a translation counts too)."""
    # By name: the registration package sits below the event models, which import it.
    event_model = apps.get_model("events", "EventPage")
    with_registrants = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    live = event_model.objects.live().filter(
        starts_at__gt=now,
        starts_at__lte=now + HORIZON,
        translation_key__in=with_registrants.values("event_key"),
    )
    return source_versions(live)


def send_scheduled_emails(now=None):
    """Write the joining details and reminders that are due to the outbox (each is sent
    after its write commits). Safe to run as often as wanted, on several servers at once.
    Returns an `Outcome`."""
    now = now or timezone.now()
    outcome = Outcome()
    for event in events_ahead(now):
        outcome.joining_details += release_joining_details(event, now)
        outcome.reminders += send_reminders(event, now)
    return outcome


def release_joining_details(event, now=None):
    """Email the joining details of `event` (its source version) to everyone confirmed
    before their release, once; returns how many emails were written."""
    now = now or timezone.now()
    if not joining_details_due(event, now):
        return 0
    moment = release_at(event)
    # A change notice or reminder written since the release already carried the details
    # (e.g. the link was only set after the release moment): the same news is not sent twice.
    told_since = RegistrationMessage.objects.filter(
        registration=OuterRef("pk"),
        kind__in=[Kind.EVENT_CHANGED, Kind.REMINDER],
        created_at__gte=moment,
    )
    recipients = _confirmed(event).filter(status_changed_at__lt=moment).exclude(Exists(told_since))
    return write_once(recipients, Kind.JOINING_DETAILS, RELEASE_OCCASION)


def send_reminders(event, now=None):
    """Email the reminder that is due for `event` (its source version) to everyone
    confirmed before its moment, once; returns how many emails were written."""
    now = now or timezone.now()
    hours = due_reminder(event, now)
    if hours is None:
        return 0
    moment = event.starts_at - timedelta(hours=hours)
    recipients = _confirmed(event).filter(status_changed_at__lt=moment)
    return write_once(recipients, Kind.REMINDER, reminder_occasion(hours, event.starts_at))


def _confirmed(event):
    return Registration.objects.filter(
        event_key=event.translation_key, status=Registration.Status.CONFIRMED
    )


def write_once(recipients, kind, occasion):
    """Write the scheduled email `kind` for `occasion` to each of `recipients` that has not
    had it yet; returns how many were written."""
    # Those who have it already are left out by one query; the database's uniqueness
    # settles the rest when another run writes the same email at the same moment.
    done = RegistrationMessage.objects.filter(
        registration__in=recipients, kind=kind, occasion=occasion
    ).values("registration_id")
    written = 0
    waiting_for_it = recipients.exclude(pk__in=done).order_by("pk").values_list("pk", flat=True)
    for registration_id in waiting_for_it:
        if queue_once(registration_id, kind, occasion) is not None:
            written += 1
    return written


def queue_once(registration_id, kind, occasion):
    """Write one scheduled email to the outbox unless it exists already, and have it sent
    after commit. The registration is locked and read again first, so a person who
    cancels at this moment gets nothing. Returns the message, or None when there is none
    to write (written by another run, or the person is no longer confirmed)."""
    from .emails import deliver_after_commit

    try:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update()
                .filter(
                    pk=registration_id,
                    status=Registration.Status.CONFIRMED,
                    anonymised_at__isnull=True,
                )
                .first()
            )
            if registration is None:
                return None
            message = RegistrationMessage.objects.create(
                registration=registration, kind=kind, occasion=occasion
            )
            deliver_after_commit(message)
    except IntegrityError:
        # Another run wrote it first: the database keeps one per registrant and occasion.
        return None
    return message
