"""Deleting event pages never throws registrations away unnoticed.

Registrations belong to an event through its translation key, not through a page row: a
deleted event page would leave them without an event, invisible in the admin and impossible
to export. So deleting pages that would take the last version of an event with
registrations needs an explicit choice (see `events.wagtail_hooks`): export them first, or
delete them together with the page. Nothing is lost by default.
"""

from django.db import transaction
from django.db.models import Count

from wagtail.models import Page

from .attendance import archive_counts
from .models import Registration


def events_losing_registrations(pages, also_deleted=()):
    """(event, number of registrations) for each event whose last version is among `pages`
    (or their descendants, or `also_deleted`), and which has registrations.

    `event` is the source-language version when it is being deleted, else any version.
    """
    deleted_ids = set()
    for page in [*pages, *also_deleted]:
        deleted_ids.add(page.pk)
        deleted_ids.update(page.get_descendants().values_list("pk", flat=True))
    # Registrations are keyed by translation key and only events have them, so plain pages
    # are enough to find them: the page type need not be known here.
    deleted = Page.objects.filter(pk__in=deleted_ids)
    keys = set(deleted.values_list("translation_key", flat=True))
    if not keys:
        return []
    # A version that stays keeps the list reachable: nothing to decide.
    surviving = set(
        Page.objects.filter(translation_key__in=keys)
        .exclude(pk__in=deleted_ids)
        .values_list("translation_key", flat=True)
    )
    counts = dict(
        Registration.objects.filter(event_key__in=keys - surviving)
        .values("event_key")
        .annotate(number=Count("pk"))
        .values_list("event_key", "number")
    )
    result = []
    for key, number in counts.items():
        first_version = deleted.filter(translation_key=key).order_by("pk").first()
        result.append((first_version.specific, number))
    return sorted(result, key=lambda item: item[0].title)


def delete_registrations_of(events):
    """Delete every registration (and its outbox emails) of `events`; returns how many
    registrations were deleted. Their counts per stakeholder group (confirmed, attended,
    no-show) stay in the events' `RegistrationList.archived_counts`."""
    keys = [event.translation_key for event in events]
    registrations = Registration.objects.filter(event_key__in=keys)
    with transaction.atomic():
        archive_counts(registrations)
        _total, per_model = registrations.delete()
    return per_model.get(Registration._meta.label, 0)
