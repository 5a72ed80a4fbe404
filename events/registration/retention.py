"""Personal data is kept only as long as needed: removed a set time after the event."""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from wagtail.models import ModelLogEntry

from .attendance import archive_counts
from .models import Registration, RegistrationMessage

UNSENT = [RegistrationMessage.Status.PENDING, RegistrationMessage.Status.FAILED]


def _event_pages():
    # The page model `Registration.page` points to, found through that relation: the page
    # models import this package (an event page shows its registration), never the reverse.
    return Registration._meta.get_field("page").related_model.objects.all()


def expired_registrations(days, now=None):
    """Registrations of events that ended more than `days` days ago (not yet anonymised)."""
    now = now or timezone.now()
    ended_before = now - datetime.timedelta(days=days)
    ended_keys = _event_pages().filter(ends_at__lt=ended_before).values("translation_key")
    recent_keys = _event_pages().filter(ends_at__gte=ended_before).values("translation_key")
    return Registration.objects.filter(
        event_key__in=ended_keys, anonymised_at__isnull=True
    ).exclude(event_key__in=recent_keys)


def purge(days, *, delete=False, dry_run=False, now=None):
    """Anonymise (or delete) expired registrations. Returns how many were affected.

    Anonymising keeps the row so counts and reports stay right: its event (key and page),
    status, language, dates (registered, consent, status changed), stakeholder group and
    attendance (so reports still say who came). It empties name, organisation, country,
    accessibility needs (free text and ticked), preferred language and the answers, replaces
    the email address, renews the secret (the person's old links open nothing), clears
    the outbox's error texts and drops its unsent emails, so nothing leads from
    the person's feedback (events.feedback) to them any more. Either way the admin's
    history of changes, which named the registration "name <email>", keeps only its number.
    """
    registrations = expired_registrations(days, now)
    count = registrations.count()
    if dry_run or not count:
        return count
    with transaction.atomic():
        ids = list(registrations.values_list("pk", flat=True))
        if delete:
            archive_counts(registrations)
            registrations.delete()
        else:
            for registration in registrations.select_for_update():
                registration.name = ""
                registration.email = f"anonymised-{registration.pk}@invalid"
                registration.organisation = ""
                registration.accessibility_needs = ""
                registration.needs = []
                registration.preferred_language = ""
                registration.country = ""
                registration.answers = {}
                registration.secret = uuid.uuid4()
                registration.anonymised_at = now or timezone.now()
                registration.save()
                registration.messages.update(last_error="")
                # What was not sent by now is never sent: the address is gone.
                registration.messages.filter(status__in=UNSENT).delete()
        _forget_names_in_history(ids)
    return count


def forget_deleted_registration(sender, instance, **kwargs):
    """`post_delete` receiver: however a registration is deleted (one in the admin, with its
    event, by the retention job), the admin's history keeps no name or address of it."""
    _forget_names_in_history([instance.pk])


def _forget_names_in_history(ids):
    # Wagtail logs each change made in the admin with the object's name at that moment
    # (the deletion too, just before the row goes).
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id__in=[str(pk) for pk in ids],
    ).update(label=Concat(Value("#"), F("object_id")), data={})
