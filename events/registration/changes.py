"""Change notices: a published change of an event's date, time, place, format, joining
details or status reaches everyone registered, once, in their language.

The German (source) version decides an event's logistics; its translations share them.
When the source is saved with logistics other than the ones its row held (the live
values: Wagtail keeps drafts in revisions and writes the row when it publishes), the
calendar entry's SEQUENCE is raised and the translations take the new values at once.
When that save was a publication, confirmed and waiting registrants are told (unless the
editor chose not to, for a typo), each by one outbox message per published change.

Wired in `events.apps`: `before_event_saved` (pre_save), `after_event_saved`
(post_save) and `event_published` (Wagtail's page_published), each for `EventPage`.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign_site.cache import bump
from home.localization import default_locale

from .composing import place_of
from .emails import deliver_after_commit
from .joining import is_released
from .models import Registration, RegistrationMessage

# The fields each part of a change notice compares (`details["changed"]` names the parts).
WHEN = ("start_date", "start_time", "end_date", "end_time", "time_zone")
PLACE = (
    "venue_name",
    "venue_address",
    "venue_postal_code",
    "venue_city",
    "venue_region",
    "venue_country",
    "venue_country_code",
)
JOINING = ("online_url", "access_details")

# What every language version takes from the source's row: the logistics that are not
# words, and what follows from them (instants, calendar sequence, earlier date).
SHARED = (
    *WHEN,
    "starts_at",
    "ends_at",
    "format",
    "online_url",
    "access_details",
    "event_status",
    "calendar_sequence",
    "previous_timing",
)

CANCELLED = "cancelled"


@dataclass(frozen=True)
class LogisticsChange:
    """What a save changed of an event's logistics, compared with its previous row."""

    changed: tuple  # among "when", "place", "format", "joining", "status"
    before_timing: list  # start date, start time, end date, end time, time zone (ISO)
    before_place: str
    before_status: str
    before_ends_at: datetime.datetime

    def details(self, event):
        """What the change notice stores for composing (see composing.describe_changes)."""
        details = {
            "changed": list(self.changed),
            "before": {"timing": self.before_timing, "place": self.before_place},
        }
        if "status" in self.changed:
            details["status"] = event.event_status
            details["before_status"] = self.before_status
        return details


def decides_logistics(event):
    """Whether `event` is the version whose date, place and status count: the source
    (default language) version. A page without a locale yet is being created in it."""
    return event.locale_id is None or event.locale_id == default_locale().pk


def timing_values(event):
    """The event's local dates and times and time zone as ISO texts (empty when unset), as
    change notices and structured data store an earlier date."""

    def iso(value):
        return value.isoformat() if value else ""

    return [
        iso(event.start_date),
        iso(event.start_time),
        iso(event.end_date),
        iso(event.end_time),
        event.time_zone,
    ]


def _value(event, name):
    value = getattr(event, name)
    if name == "venue_country_code":
        return str(value or "")
    if isinstance(value, str):
        return value.strip()
    return value


def compare_logistics(before, after):
    """The parts of the logistics that differ between two versions of one event."""

    def differs(names):
        return any(_value(before, name) != _value(after, name) for name in names)

    changed = []
    if differs(WHEN):
        changed.append("when")
    # The venue matters where people meet; a change of format says the rest.
    if before.is_in_person and after.is_in_person and differs(PLACE):
        changed.append("place")
    if before.format != after.format:
        changed.append("format")
    link_matters = before.is_online or after.is_online
    if (link_matters and differs(["online_url"])) or differs(["access_details"]):
        changed.append("joining")
    if before.event_status != after.event_status:
        changed.append("status")
    return tuple(changed)


def registrants_to_tell(event_key):
    """How many registrants of one event a change notice reaches: {"confirmed": n,
    "waiting": n} (cancelled and anonymised registrations are not told)."""
    statuses = (Registration.Status.CONFIRMED, Registration.Status.WAITING)
    return _recipients(event_key, statuses).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
    )


def notify_help_text(event):
    """The notify box's help text: who is emailed when the editor publishes a change."""
    if event.pk is None:
        return _("Nobody has registered for this event yet, so nobody will be emailed.")
    numbers = registrants_to_tell(event.translation_key)
    total = numbers["confirmed"] + numbers["waiting"]
    if not total:
        return _("Nobody has registered for this event yet, so nobody will be emailed.")
    return ngettext(
        "When you publish a change of date, time, place, format, join link or status, "
        "%(total)s registrant (%(confirmed)s confirmed, %(waiting)s on the waiting list) is "
        "emailed in their language.",
        "When you publish a change of date, time, place, format, join link or status, "
        "%(total)s registrants (%(confirmed)s confirmed, %(waiting)s on the waiting list) are "
        "emailed in their language.",
        total,
    ) % {"total": total, **numbers}


def _recipients(event_key, statuses):
    return Registration.objects.filter(
        event_key=event_key, status__in=statuses, anonymised_at__isnull=True
    )


def notify_registrants(event, change, occasion, now=None):
    """Write one change notice per registrant who should hear of `change` to the outbox,
    sent after commit; returns how many were written.

    A cancellation (EVENT_CANCELLED, whose calendar file removes the entry) and other
    changes (EVENT_CHANGED) reach everyone confirmed or waiting; a change of the joining
    details alone reaches those who have them: confirmed registrants, once released.
    Nothing is sent while the event stays cancelled, nor for an event that was and is over.
    `occasion` names the published change: written once per registrant, so a repeated
    signal sends nothing twice.
    """
    now = now or timezone.now()
    if event.event_status == CANCELLED and change.before_status == CANCELLED:
        return 0
    if event.ends_at <= now and change.before_ends_at <= now:
        return 0
    if event.event_status == CANCELLED:
        kind = RegistrationMessage.Kind.EVENT_CANCELLED
        statuses = (Registration.Status.CONFIRMED, Registration.Status.WAITING)
    elif set(change.changed) == {"joining"}:
        if not is_released(event, now):
            return 0
        kind = RegistrationMessage.Kind.EVENT_CHANGED
        statuses = (Registration.Status.CONFIRMED,)
    else:
        kind = RegistrationMessage.Kind.EVENT_CHANGED
        statuses = (Registration.Status.CONFIRMED, Registration.Status.WAITING)
    recipients = _recipients(event.translation_key, statuses)
    details = change.details(event)
    # People waiting do not have the joining details: a new link is no news to them.
    waiting_details = {
        **details,
        "changed": [name for name in details["changed"] if name != "joining"],
    }
    # A row already written for this occasion (a repeated signal) is left as it is.
    RegistrationMessage.objects.bulk_create(
        [
            RegistrationMessage(
                registration_id=pk,
                kind=kind,
                occasion=occasion,
                details=waiting_details if status == Registration.Status.WAITING else details,
            )
            for pk, status in recipients.values_list("pk", "status")
        ],
        ignore_conflicts=True,
    )
    written = RegistrationMessage.objects.filter(
        registration__in=recipients,
        kind=kind,
        occasion=occasion,
        status=RegistrationMessage.Status.PENDING,
    )
    messages = list(written)
    for message in messages:
        # Sending claims the row first: a message queued twice still goes out once.
        deliver_after_commit(message)
    return len(messages)


# --- signal receivers (connected in events.apps) -------------------------------------------

_CHANGE = "_logistics_change"


def before_event_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before an event page's row is written: a translation takes the shared logistics from
    its source's row (a translation published from an older revision or translation source
    must not bring back an old date); the source keeps its row's calendar sequence, raised
    by one when its logistics change, and notes the change for the receivers below."""
    instance.__dict__.pop(_CHANGE, None)
    # Only a whole row is compared: Wagtail writes one when it publishes, and saves of
    # chosen fields (a draft's bookkeeping, unpublishing) leave the logistics alone.
    if raw or instance.pk is None or update_fields is not None:
        return
    model = type(instance)
    if not decides_logistics(instance):
        source = (
            model.objects.filter(translation_key=instance.translation_key, locale=default_locale())
            .values(*SHARED)
            .first()
        )
        for name, value in (source or {}).items():
            setattr(instance, name, value)
        return
    previous = model.objects.filter(pk=instance.pk).first()
    if previous is None:
        return
    # The row holds these; a revision written before the last change carries older ones.
    instance.calendar_sequence = previous.calendar_sequence
    instance.previous_timing = previous.previous_timing
    if previous.first_published_at is None:
        return  # never published: nobody has seen these values
    changed = compare_logistics(previous, instance)
    if not changed:
        return
    instance.calendar_sequence += 1
    if previous.starts_at != instance.starts_at and previous.event_status != CANCELLED:
        instance.previous_timing = timing_values(previous)
    setattr(
        instance,
        _CHANGE,
        LogisticsChange(
            changed=changed,
            before_timing=timing_values(previous),
            before_place=place_of(previous),
            before_status=previous.event_status,
            before_ends_at=previous.ends_at,
        ),
    )


def after_event_saved(sender, instance, raw=False, **kwargs):
    """After the source's logistics changed: its translations show them at once."""
    if raw or getattr(instance, _CHANGE, None) is None:
        return
    translations = (
        type(instance)
        .objects.filter(translation_key=instance.translation_key)
        .exclude(pk=instance.pk)
    )
    translations.update(**{name: getattr(instance, name) for name in SHARED})
    # A queryset update sends no signal: renew cached pages and the frontend cache here.
    bump()
    pages = list(translations.filter(live=True))
    if pages:
        transaction.on_commit(lambda: _purge(pages))


def _purge(pages):
    from django.conf import settings

    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        purge_pages_from_cache(pages)


def event_published(sender, instance, revision=None, **kwargs):
    """When a change of logistics goes live: tell the registrants, unless the editor
    unticked "Tell registrants about this change" (the choice travels with the revision
    through review, and the next edit starts ticked again)."""
    change = instance.__dict__.pop(_CHANGE, None)
    if change is None or not instance.live or revision is None:
        return
    if instance.notify_registrants:
        notify_registrants(
            instance, change, occasion=f"change:{revision.pk}:{instance.calendar_sequence}"
        )
    else:
        type(instance).objects.filter(pk=instance.pk).update(notify_registrants=True)
