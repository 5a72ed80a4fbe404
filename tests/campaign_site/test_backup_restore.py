"""Backups: a PostgreSQL dump restores into an empty database with every registration."""

import os
import shutil
import subprocess
import threading
import uuid

import psycopg
import pytest

from django.db import connection, connections
from django.utils import timezone

from events.models import EventPage, Registration

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql"
    or not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="Backups are PostgreSQL dumps: CI's PostgreSQL leg (with pg_dump and pg_restore) "
    "runs this test.",
)


def client_args(settings_dict, database):
    return [
        "--host",
        settings_dict["HOST"] or "127.0.0.1",
        "--port",
        str(settings_dict["PORT"] or 5432),
        "--username",
        settings_dict["USER"] or "postgres",
        "--dbname",
        database,
    ]


@pytest.mark.django_db
def test_a_dump_restored_into_an_empty_database_has_every_registration(tmp_path):
    outcome = {}

    def backup_and_restore():
        # In a thread of its own: its connection commits, so the dump sees the rows (the
        # test's own connection keeps everything in a transaction that is rolled back).
        try:
            outcome.update(run_backup_and_restore(tmp_path / "campaign_site.dump"))
        except Exception as error:  # noqa: BLE001 - reported by the test below
            outcome["error"] = error
        finally:
            connections.close_all()

    worker = threading.Thread(target=backup_and_restore)
    worker.start()
    worker.join()
    assert "error" not in outcome, outcome.get("error")
    assert outcome["created"] == 9
    assert outcome["restored"] == outcome["expected"]
    assert outcome["restored_pages"] == outcome["pages"]


def run_backup_and_restore(dump):
    """Add registrations, dump the database, restore the dump into a new, empty database,
    read the registrations there; remove both again."""
    settings_dict = connection.settings_dict
    env = {**os.environ}
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    restored = f"{settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    event = EventPage.objects.filter(locale__language_code="de").first()
    created = [
        Registration.objects.create(
            event_key=event.translation_key,
            page=event,
            language=language,
            name=f"Backup {number} Ärger “quoted”",
            email=f"backup{number}@example.org",
            answers={"note": "=1+1"},
            consent_at=timezone.now(),
        )
        for number, language in enumerate(["de", "en", "fr"] * 3)
    ]
    try:
        expected = set(Registration.objects.values_list("pk", "email", "name", "event_key"))
        pages = EventPage.objects.count()
        subprocess.run(
            ["pg_dump", "--format=custom", "--file", str(dump)]
            + client_args(settings_dict, settings_dict["NAME"]),
            check=True,
            env=env,
            timeout=300,
        )
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{restored}"')
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--exit-on-error", str(dump)]
                + client_args(settings_dict, restored),
                check=True,
                env=env,
                timeout=300,
            )
            with psycopg.connect(
                host=settings_dict["HOST"] or "127.0.0.1",
                port=settings_dict["PORT"] or 5432,
                user=settings_dict["USER"] or "postgres",
                password=settings_dict["PASSWORD"] or None,
                dbname=restored,
            ) as restored_db:
                rows = restored_db.execute(
                    "SELECT id, email, name, event_key FROM events_registration"
                ).fetchall()
                restored_pages = restored_db.execute(
                    "SELECT count(*) FROM events_eventpage"
                ).fetchone()[0]
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')
    finally:
        Registration.objects.filter(pk__in=[r.pk for r in created]).delete()
    return {
        "created": len(created),
        "expected": expected,
        "restored": set(rows),
        "pages": pages,
        "restored_pages": restored_pages,
    }
