"""Hundreds of people pressing "register" at once: never one confirmed place too many;
places freed at the same moment: never one person offered a place twice."""

import contextlib
import datetime
import json
import sqlite3
import threading

import pytest

from django.db import connection, connections
from django.utils import timezone

from campaign_site.demo import build_demo_site
from events.models import EventIndexPage, Registration, RegistrationMessage
from events.registration.offers import sweep
from events.registration.services import (
    RegistrationError,
    cancel_registration,
    register_for_event,
)
from tests.support.factories import make_event
from tests.support.registration import on_site, without_double_opt_in

CAPACITY = 5
PEOPLE = 40


@contextlib.contextmanager
def on_a_database_every_thread_can_open(tmp_path):
    """PostgreSQL as it is; SQLite's in-memory test database copied to a file for the test.

    pytest-django keeps an SQLite test database in memory, which other connections reach only
    through SQLite's shared cache, where a busy table fails at once instead of waiting. The
    copy is an ordinary file, opened with the project's own settings (OPTIONS included), as
    the site opens its database; the in-memory database is kept open and comes back after.
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    with contextlib.closing(sqlite3.connect(path)) as copy:
        in_memory.backup(copy)
    # Every connection opened from now on, in any thread, opens the file.
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_overbook_and_lose_nobody(tmp_path):
    """Forty people register at the same moment for five places, each on its own connection.

    PostgreSQL: `register_for_event` locks the event's row (SELECT ... FOR UPDATE) inside its
    transaction, so the places are counted by one registration at a time.

    SQLite (the default database) has no row locks; it is made safe by its settings:
    `OPTIONS: {"transaction_mode": "IMMEDIATE", "timeout": 20}` (campaign_site/settings/
    base.py). Each transaction starts with BEGIN IMMEDIATE and so takes the database's write
    lock before it reads the count; the other writers wait (up to 20 seconds) instead of
    reading a stale count or failing with "database is locked". The test runs on a file
    copy of the test database, so the threads are really separate connections.
    """
    with on_a_database_every_thread_can_open(tmp_path):
        register_everyone_at_once()


def register_everyone_at_once():
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
    # Addresses are confirmed first (the default): each registration holds a place, or a
    # position on the waiting list, until then; never more places than there are.
    assert registrations.filter(status="pending", holds_place=True).count() == CAPACITY
    assert registrations.filter(status="pending", holds_place=False).count() == PEOPLE - CAPACITY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_cancellations_at_once_offer_two_different_people_never_one_twice(tmp_path):
    """Two confirmed people cancel at the same moment, each on its own connection (two
    servers): the two freed places go to the first two waiting, one offer each. Then both
    offers lapse while two sweeps run at once: the one person left waiting is offered a
    place exactly once. On PostgreSQL the event's row lock (`services._lock`) serialises
    them; on SQLite, BEGIN IMMEDIATE does (see the test above)."""
    with on_a_database_every_thread_can_open(tmp_path):
        cancel_and_sweep_at_once()


def at_once(*calls):
    """Run each call on its own thread and connection, all released together."""
    start = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            start.wait()
            call()
        except Exception as error:  # noqa: BLE001 - collected and asserted
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def cancel_and_sweep_at_once():
    if not EventIndexPage.objects.exists():
        build_demo_site()
    event = make_event(
        "Nachrücken",
        timezone.now() + datetime.timedelta(days=5),
        registration=on_site(capacity=2),
    )
    without_double_opt_in(event)
    people = [
        register_for_event(event, language="de", name=name, email=f"{name}@example.org")
        for name in ("a", "b", "w0", "w1", "w2")
    ]
    assert [person.status for person in people] == ["confirmed"] * 2 + ["waiting"] * 3
    a, b = people[:2]
    at_once(lambda: cancel_registration(a), lambda: cancel_registration(b))

    def offers_to(email):
        return RegistrationMessage.objects.filter(
            kind="offer", registration__email=email, registration__event_key=event.translation_key
        ).count()

    statuses = dict(
        Registration.objects.filter(event_key=event.translation_key).values_list("email", "status")
    )
    assert statuses["w0@example.org"] == statuses["w1@example.org"] == "offered"
    assert statuses["w2@example.org"] == "waiting"
    assert offers_to("w0@example.org") == offers_to("w1@example.org") == 1

    # Both offers lapse; two sweeps (two servers) find them at the same moment.
    later = timezone.now() + datetime.timedelta(hours=49)
    at_once(lambda: sweep(now=later), lambda: sweep(now=later))
    statuses = dict(
        Registration.objects.filter(event_key=event.translation_key).values_list("email", "status")
    )
    assert statuses["w0@example.org"] == statuses["w1@example.org"] == "expired"
    assert statuses["w2@example.org"] == "offered"
    assert offers_to("w2@example.org") == 1
    lapsed = RegistrationMessage.objects.filter(
        kind="offer_expired", registration__event_key=event.translation_key
    )
    assert sorted(lapsed.values_list("registration__email", flat=True)) == [
        "w0@example.org",
        "w1@example.org",
    ]
