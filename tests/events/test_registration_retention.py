"""Anonymising old registrations: exactly which facts survive, and nothing that leads back
to the person (not their links, not the admin's history)."""

import datetime
import re
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from wagtail.models import ModelLogEntry

from events.models import Registration
from events.registration.deletion import delete_registrations_of
from events.registration.retention import purge
from tests.support.factories import make_event
from tests.support.registration import on_site
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

FREE_TEXT_QUESTION = {
    "type": "item",
    "id": "6c1d3a39-0000-4000-8000-0000000000ff",
    "value": {
        "label": "Erwartungen",
        "help_text": "",
        "kind": "long_text",
        "options": [],
        "required": False,
    },
}

# What anonymising keeps: enough to count who took part (status, language, dates, whether
# they came) and to report which stakeholder groups did, for the event (its key and page).
# The id stays: the outbox rows point to it.
KEPT = {
    "id",
    "event_key",
    "page_id",
    "language",
    "status",
    "stakeholder_group",
    "consent_at",
    "created_at",
    "status_changed_at",
    "attendance",
    "attendance_source",
    "checked_in_at",
    "holds_place",
    "expires_at",
    "address_confirmed_at",
    "offered_at",
}
# What it removes or replaces: everything about the person, and the secret in their links.
REMOVED = {
    "name": "",
    "organisation": "",
    "country": "",
    "accessibility_needs": "",
    "answers": {},
    "needs": [],
    "preferred_language": "",
}


@pytest.fixture
def registered(client, django_capture_on_commit_callbacks):
    """Ana, registered through the public form with every field filled in, and changed by
    staff in the admin; her event ended 91 days ago."""
    event = make_event(
        "Rückblick",
        timezone.now() + datetime.timedelta(days=3),
        registration=on_site(questions=[FREE_TEXT_QUESTION]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            event.url,
            {
                "name": "Ana Souza",
                "email": "ana@example.org",
                "organisation": "Conselho Nacional",
                "stakeholder_group": "government",
                "country": "BR",
                "accessibility_needs": "Rollstuhl",
                f"q_{FREE_TEXT_QUESTION['id']}": "Ich bin die einzige Ministerin aus Brasilien.",
                "consent": "on",
            },
        )
    ana = Registration.objects.get(email="ana@example.org")
    staff = member_of("Event organisers", username="retention-desk")
    client.force_login(staff)
    client.post(
        f"/admin/registrations/edit/{ana.pk}/",
        {
            "name": "Ana Souza",
            "email": "ana@example.org",
            "organisation": "Conselho Nacional do Brasil",
            "stakeholder_group": "government",
            "country": "BR",
            "accessibility_needs": "Rollstuhl",
        },
    )
    client.logout()
    return event, Registration.objects.get(pk=ana.pk)


def after_the_retention_period(event):
    return event.ends_at + datetime.timedelta(days=91)


def test_anonymising_keeps_exactly_the_facts_for_counting_and_reporting(registered):
    event, before = registered
    assert before.stakeholder_group == "government" and before.answers  # all filled in
    purge(90, now=after_the_retention_period(event))
    after = Registration.objects.get(pk=before.pk)

    # Every column is decided on: a new one fails here until it is.
    fields = {field.attname for field in Registration._meta.concrete_fields}
    assert fields == KEPT | set(REMOVED) | {"email", "secret", "anonymised_at"}
    for name in KEPT:
        assert getattr(after, name) == getattr(before, name), name
    for name, emptied in REMOVED.items():
        assert getattr(after, name) == emptied, name
    assert after.email == f"anonymised-{after.pk}@invalid"
    assert after.anonymised_at is not None
    assert after.secret != before.secret


def test_after_anonymising_nothing_leads_back_to_the_person(client, registered):
    event, before = registered
    links = re.findall(r"http://testserver(\S+/(?:registration|cancel)/\S+/)", mail.outbox[0].body)
    assert len(links) == 2
    assert ModelLogEntry.objects.filter(label__contains="ana@example.org").exists()

    purge(90, now=after_the_retention_period(event))
    # Her old links no longer open anything.
    for path in links:
        assert client.get(path).status_code == 404
    # The admin's history of changes no longer names her.
    for entry in ModelLogEntry.objects.all():
        assert "Ana" not in f"{entry.label} {entry.data}", entry.action
        assert "ana@example.org" not in f"{entry.label} {entry.data}", entry.action
    assert ModelLogEntry.objects.filter(object_id=str(before.pk)).exists()


def test_deleting_instead_leaves_no_name_in_the_admins_history(registered):
    event, before = registered
    purge(90, delete=True, now=after_the_retention_period(event))
    assert not Registration.objects.filter(pk=before.pk).exists()
    assert not ModelLogEntry.objects.filter(label__contains="ana@example.org").exists()


def test_the_retention_clock_is_the_events_end(registered):
    event, before = registered
    with mock.patch("django.utils.timezone.now", return_value=event.ends_at):
        assert purge(90) == 0
    assert Registration.objects.get(pk=before.pk).name == "Ana Souza"


def names_in_history():
    return [
        entry.action
        for entry in ModelLogEntry.objects.all()
        if "ana@example.org" in f"{entry.label} {entry.data}" or "Ana" in entry.label
    ]


def test_deleting_one_registration_in_the_admin_leaves_no_name_in_its_history(client, registered):
    _event, ana = registered
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    response = client.post(f"/admin/registrations/delete/{ana.pk}/")
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=ana.pk).exists()
    assert names_in_history() == []
    # The history still says that a registration was changed and deleted.
    assert ModelLogEntry.objects.filter(object_id=str(ana.pk), action="wagtail.delete").exists()


def test_deleting_an_event_with_its_registrations_leaves_no_name_in_the_history(registered):
    event, ana = registered
    delete_registrations_of([event])
    assert not Registration.objects.filter(pk=ana.pk).exists()
    assert names_in_history() == []
