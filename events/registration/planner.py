"""The access and interpretation planner: what the people coming to an event need.

Sums, per event, the access needs ticked in the registration form and the languages people
want to follow the event in, for those who hold a place ("confirmed": confirmed, offered,
or registered with the address not confirmed yet while that lasts) and for those waiting
("waiting"); cancelled and lapsed registrations never count, nor anonymised ones. The
organisers read it at the desk and get it by email once, at the deadline they set
(`send_due_summaries`, run by the `send_needs_summaries` job). The email holds numbers
only, never a name.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..timing import describe_instant
from .display import language_name
from .models import Registration, RegistrationList
from .services import HOLDING_A_PLACE
from .setup import source_version
from .transport import sender

logger = logging.getLogger(__name__)

# Who may see an event's registrations (events.desk.access.VIEW): its organisers.
SEE_REGISTRATIONS = "events.view_registration"
COLUMNS = ("confirmed", "waiting")


@dataclass(frozen=True)
class Line:
    """One row of the summary: what (`key`, `label`) and how many people with a place
    (`confirmed`) and waiting (`waiting`)."""

    key: str
    label: str
    confirmed: int
    waiting: int

    @property
    def total(self):
        return self.confirmed + self.waiting


@dataclass(frozen=True)
class Summary:
    """An event's needs and languages (`needs`, `languages`: lists of `Line`), how many
    wrote other needs in the free text (`other_needs`) and how many people count at all
    (`people`)."""

    needs: list
    languages: list
    other_needs: Line
    people: Line

    def noted(self):
        """The lines someone counts in, needs first (what the email lists)."""
        return [line for line in self.needs + self.languages if line.total]


def counted(event_key, now=None):
    """The registrations the planner counts, each with its column ("confirmed" or
    "waiting"): holding a place or waiting, never cancelled, lapsed or anonymised.

    An offer or an unconfirmed address whose time has run out holds nothing any more, even
    before the job that lapses it has run."""
    now = now or timezone.now()
    lapsing = Q(status__in=[Registration.Status.PENDING, Registration.Status.OFFERED])
    current = Registration.objects.filter(event_key=event_key, anonymised_at__isnull=True).exclude(
        lapsing & Q(expires_at__lte=now)
    )
    waiting = Q(status=Registration.Status.WAITING) | Q(
        status=Registration.Status.PENDING, holds_place=False
    )
    rows = []
    for column, condition in (("confirmed", HOLDING_A_PLACE), ("waiting", waiting)):
        for needs, language, text in current.filter(condition).values_list(
            "needs", "preferred_language", "accessibility_needs"
        ):
            rows.append((column, needs or [], language, text))
    return rows


def summarise(event_key, now=None):
    """The `Summary` of one event, labelled in the active language."""
    numbers = {}

    def add(key, column):
        numbers.setdefault(key, dict.fromkeys(COLUMNS, 0))[column] += 1

    for column, needs, language, text in counted(event_key, now):
        add("people", column)
        for need in set(needs):
            add(f"need:{need}", column)
        if language:
            add(f"language:{language}", column)
        if text.strip():
            add("other", column)

    def line(key, label):
        found = numbers.get(key, dict.fromkeys(COLUMNS, 0))
        return Line(key, str(label), found["confirmed"], found["waiting"])

    return Summary(
        needs=[line(f"need:{value}", label) for value, label in Registration.Need.choices],
        languages=[
            line(f"language:{code}", _("Prefer %(language)s") % {"language": language_name(code)})
            for code, _name in settings.LANGUAGES
        ],
        other_needs=line("other", _("Wrote other needs in the form")),
        people=line("people", _("People counted")),
    )


# --- The deadline ----------------------------------------------------------------------


def registration_list(event_key):
    """The event's `RegistrationList` row (made with its defaults if there is none yet)."""
    return RegistrationList.objects.get_or_create(event_key=event_key)[0]


def set_deadline(event, deadline):
    """Set (or with None, clear) when the organisers get the summary of `event`.

    Refused (`ValidationError`) unless before the event's start. A new deadline after the
    summary went out schedules it once more, with the numbers of that day."""
    if deadline is not None and deadline >= event.starts_at:
        raise ValidationError(
            _("The summary must be sent before the event starts (%(start)s).")
            % {"start": describe_instant(event.starts_at, event.time_zone)},
            code="after_start",
        )
    with transaction.atomic():
        registration_list(event.translation_key)
        row = RegistrationList.objects.select_for_update().get(event_key=event.translation_key)
        if row.needs_deadline != deadline:
            row.needs_deadline = deadline
            row.needs_sent_at = None
            row.save(update_fields=["needs_deadline", "needs_sent_at"])
    return row


def anonymised(event_key):
    """Whether the event's registrations have been anonymised (the summary is not sent
    then: its numbers would no longer be the people's)."""
    return Registration.objects.filter(event_key=event_key, anonymised_at__isnull=False).exists()


def recipients():
    """Who gets the summaries: active staff with an email address who may see
    registrations (event organisers; superusers may too), each with their admin language
    (the site's default language when they chose none)."""
    users = (
        get_user_model()
        .objects.with_perm(
            SEE_REGISTRATIONS,
            is_active=True,
            include_superusers=True,
            # Permissions come from groups and users (the sign-in lockout grants none).
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )
    languages = dict(settings.LANGUAGES)
    found = []
    for user in users:
        profile = getattr(user, "wagtail_userprofile", None)
        language = getattr(profile, "preferred_language", "") or ""
        found.append((user, language if language in languages else settings.LANGUAGE_CODE))
    return found


def _event(event_key):
    event_model = Registration._meta.get_field("page").related_model
    versions = event_model.objects.filter(translation_key=event_key)
    source = next(iter(versions), None)
    return source_version(source) if source is not None else None


def compose_summary(event, user, language, now=None):
    """The summary email to `user`, in `language`: the event's title in that language when
    it has a version in it, the numbers and the link to the planner at the desk."""
    version = event
    with translation.override(language):
        for candidate in type(event).objects.filter(translation_key=event.translation_key):
            if candidate.locale.language_code == language:
                version = candidate
        context = {
            "event": version,
            "start": describe_instant(event.starts_at, event.time_zone),
            "summary": summarise(event.translation_key, now),
            "planner_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("events_desk_planner", args=[event.pk]),
            "user": user,
        }
        subject = _("Access and interpretation: %(event)s") % {"event": version.title}
        body = render_to_string("events/emails/needs_summary.txt", context)
        from_email = sender()
    return EmailMessage(" ".join(subject.split()), body, from_email=from_email, to=[user.email])


def send_summary(event_key, now=None):
    """Send the summary of one event to its organisers, if due: once, however many jobs
    run at the same time (the event's list row is locked while it is sent and marked).

    Returns how many emails went out. Nothing goes out after the event's registrations
    were anonymised, or once the event has started."""
    now = now or timezone.now()
    with transaction.atomic():
        row = RegistrationList.objects.select_for_update().filter(event_key=event_key).first()
        if row is None or row.needs_sent_at is not None:
            return 0
        if row.needs_deadline is None or row.needs_deadline > now:
            return 0
        event = _event(event_key)
        if event is None or event.starts_at <= now or anonymised(event_key):
            return 0
        people = recipients()
        sent = 0
        for user, language in people:
            try:
                compose_summary(event, user, language, now).send(fail_silently=False)
                sent += 1
            except Exception as error:  # noqa: BLE001 - the others still get theirs
                logger.warning(
                    "Needs summary of %s to user %s failed: %s", event_key, user.pk, error
                )
        if people and not sent:
            # Nobody got it: the transaction is undone and the next run tries again.
            raise RuntimeError(f"Needs summary of {event_key}: no email could be sent")
        row.needs_sent_at = now
        row.save(update_fields=["needs_sent_at"])
    return sent


def send_due_summaries(now=None):
    """Send every summary whose deadline has come (the periodic job). Returns how many
    emails went out."""
    now = now or timezone.now()
    due = RegistrationList.objects.filter(
        needs_deadline__lte=now, needs_sent_at__isnull=True
    ).values_list("event_key", flat=True)
    sent = 0
    for event_key in list(due):
        try:
            sent += send_summary(event_key, now)
        except RuntimeError as error:
            logger.warning("%s", error)
    return sent
