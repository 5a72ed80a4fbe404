"""Attendance survives the removal of personal data: anonymised registrations keep whether
the person came, and registrations deleted (with their event, or by the retention job)
leave their counts per stakeholder group behind, so reports to funders still say who came."""

import datetime
from collections import Counter

import pytest

from django.utils import timezone

from events.models import Registration
from events.registration.attendance import attendance_counts, check_in, mark_no_show
from events.registration.deletion import delete_registrations_of
from events.registration.models import RegistrationList
from events.registration.retention import purge
from tests.support.emails import register_directly
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    """Ended 100 days ago: Anna (government) and Ben (academia) came, Carla (government)
    did not, Dan (no group given) came; Eve was still waiting."""
    start = timezone.now() - datetime.timedelta(days=100)
    page = make_event("Rückblick", start, registration=on_site(capacity=4))
    people = [
        ("Anna", "government", "came"),
        ("Ben", "academia", "came"),
        ("Carla", "government", "no_show"),
        ("Dan", "", "came"),
    ]
    for name, group, outcome in people:
        registration = register_directly(page, "de", name, f"{name.lower()}@example.org")
        registration.stakeholder_group = group
        registration.save()
        if outcome == "came":
            check_in(registration)
        else:
            mark_no_show(registration)
    register_directly(page, "de", "Eve", "eve@example.org", status="waiting")
    return page


EXPECTED = {
    "government": {"confirmed": 2, "attended": 1, "no_show": 1},
    "academia": {"confirmed": 1, "attended": 1, "no_show": 0},
    "": {"confirmed": 1, "attended": 1, "no_show": 0},
}


def per_group():
    counts = {}
    for registration in Registration.objects.all():
        group = counts.setdefault(registration.stakeholder_group, Counter())
        group[registration.attendance or "unknown"] += 1
    return counts


def test_anonymising_keeps_who_came_per_group(event):
    before = per_group()
    assert purge(90) == 5
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()
    assert per_group() == before
    assert attendance_counts(event.translation_key) == {
        "confirmed": 4,
        "attended": 3,
        "no_show": 1,
        "open": 0,
    }


def test_registrations_deleted_with_their_event_leave_their_counts(event):
    assert delete_registrations_of([event]) == 5
    assert not Registration.objects.exists()
    kept = RegistrationList.objects.get(event_key=event.translation_key)
    assert kept.archived_counts == EXPECTED


def test_registrations_deleted_by_the_retention_job_leave_their_counts(event):
    assert purge(90, delete=True) == 5
    assert not Registration.objects.exists()
    kept = RegistrationList.objects.get(event_key=event.translation_key)
    assert kept.archived_counts == EXPECTED
