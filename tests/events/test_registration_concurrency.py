"""Hundreds of people pressing "register" at once: never one confirmed place too many."""

import contextlib
import datetime
import json
import sqlite3
import threading

import pytest

from django.db import connection, connections
from django.utils import timezone

from campaign_site.demo import build_demo_site
from events.models import EventIndexPage, Registration
from events.registration.services import RegistrationError, register_for_event
from tests.support.factories import make_event

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
    assert registrations.filter(status="confirmed").count() == CAPACITY
    assert registrations.filter(status="waiting").count() == PEOPLE - CAPACITY
