"""Hundreds of people pressing "register" at once: never one confirmed place too many."""

import datetime
import json
import threading

import pytest

from django.db import connection, connections
from django.utils import timezone

from campaign_site.demo import build_demo_site
from events.models import EventIndexPage, Registration
from events.registration.services import RegistrationError, register_for_event
from tests.support.factories import make_event

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time, so there is no race to test; "
    "CI's PostgreSQL leg runs this test.",
)

CAPACITY = 5
PEOPLE = 40


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_overbook_and_lose_nobody():
    if not EventIndexPage.objects.exists():
        build_demo_site()
    registration = json.dumps(
        [
            {
                "type": "on_site",
                "value": {
                    "opens_at": None,
                    "closes_at": None,
                    "capacity": CAPACITY,
                    "waiting_list": True,
                    "questions": [],
                },
            }
        ]
    )
    event = make_event(
        "Ansturm", timezone.now() + datetime.timedelta(days=5), registration=registration
    )
    start = threading.Barrier(PEOPLE)
    errors = []

    def register(number):
        try:
            start.wait()
            register_for_event(
                event, language="de", name=f"Person {number}", email=f"p{number}@example.org"
            )
        except (RegistrationError, Exception) as error:  # noqa: BLE001 - collected and asserted
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    registrations = Registration.objects.filter(event_key=event.translation_key)
    assert registrations.count() == PEOPLE
    assert registrations.filter(status="confirmed").count() == CAPACITY
    assert registrations.filter(status="waiting").count() == PEOPLE - CAPACITY
