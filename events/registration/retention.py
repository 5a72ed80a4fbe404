"""Personal data is kept only as long as needed: removed a set time after the event."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Registration


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

    Anonymising keeps the row (status, language, date) so counts stay right, and removes
    everything that identifies the person.
    """
    registrations = expired_registrations(days, now)
    count = registrations.count()
    if dry_run or not count:
        return count
    with transaction.atomic():
        if delete:
            registrations.delete()
        else:
            for registration in registrations.select_for_update():
                registration.name = ""
                registration.email = f"anonymised-{registration.pk}@invalid"
                registration.organisation = ""
                registration.accessibility_needs = ""
                registration.country = ""
                registration.answers = {}
                registration.anonymised_at = now or timezone.now()
                registration.save()
                registration.messages.update(last_error="")
    return count
