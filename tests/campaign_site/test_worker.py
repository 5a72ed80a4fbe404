"""The background worker through PostgreSQL restarts: a real server of the test's own,
stopped and started under a real worker process; tasks abandoned by a worker go back to
the queue."""

import configparser
import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml
from django_tasks_db.models import DBTaskResult, get_date_max

from django.conf import settings
from django.core.management import get_commands
from django.db import connections
from django.utils import timezone

from tests.support.commands import run_command
from tests.support.postgres import own_postgres, postgres_available

QUEUE = "worker_queue"  # the database alias of the test's own PostgreSQL


@pytest.fixture
def queue(django_db_blocker):
    """A PostgreSQL server holding only the task queue's table."""
    if not postgres_available():
        pytest.skip("needs PostgreSQL's initdb and pg_ctl")
    with django_db_blocker.unblock(), own_postgres(QUEUE) as server:
        with connections[QUEUE].schema_editor() as editor:
            editor.create_model(DBTaskResult)
        yield server


def queued():
    # A fresh connection each time: the previous one may have died with a restart.
    connections[QUEUE].close()
    return DBTaskResult.objects.using(QUEUE)


def enqueue(marks, seconds=0):
    """Queue `tests.support.tasks.leave_mark` as the site's database backend would."""
    return queued().create(
        task_path="tests.support.tasks.leave_mark",
        args_kwargs={"args": [str(marks)], "kwargs": {"seconds": seconds}},
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
    )


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if condition():
                return True
        time.sleep(0.1)
    return False


def status(task):
    return queued().get(pk=task.pk).status


@contextlib.contextmanager
def worker_process(server, log_path, command="run_worker"):
    """The worker command as compose and systemd run it, against `server`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign_site.settings.test",
        "DATABASE_URL": server.url,
        "TASKS_BACKEND": "database",
        "REDIS_URL": "",
    }
    arguments = ["--queue-name", "*", "--interval", "0.1", "--no-startup-delay"]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", command, *arguments],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_the_worker_goes_on_after_postgresql_restarts_and_reruns_the_task_it_lost(queue, tmp_path):
    marks, log = tmp_path / "marks", tmp_path / "worker.log"
    with worker_process(queue, log) as worker:
        first = enqueue(marks)
        assert wait_for(lambda: status(first) == "SUCCESSFUL"), log.read_text()

        # PostgreSQL goes away while the worker is polling, and comes back.
        queue.stop()
        time.sleep(0.5)
        queue.start()
        second = enqueue(marks)
        assert wait_for(lambda: status(second) == "SUCCESSFUL"), log.read_text()

        # And while it runs a task: the task it had claimed is run again, not left "running".
        interrupted = enqueue(marks, seconds=1)
        assert wait_for(lambda: status(interrupted) == "RUNNING"), log.read_text()
        queue.stop()
        time.sleep(1.5)  # the task finishes meanwhile; its outcome cannot be recorded
        queue.start()
        assert wait_for(lambda: status(interrupted) == "SUCCESSFUL"), log.read_text()
        assert marks.read_text().count("ran") == 4

        assert worker.poll() is None, log.read_text()
        # Stopped as compose and systemd stop it: at once when idle, exit status 0.
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
    # One line per outage, no traceback.
    assert "Traceback" not in log.read_text()


def abandoned(started_minutes_ago, runs=1):
    started = timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    return DBTaskResult.objects.create(
        task_path="tests.support.tasks.leave_mark",
        args_kwargs={"args": ["unused"], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        status="RUNNING",
        started_at=started,
        worker_ids=[f"worker-{run}" for run in range(runs)],
    )


@pytest.mark.django_db
def test_tasks_running_far_too_long_go_back_to_the_queue_or_fail_after_three_runs():
    lost, busy, cursed = abandoned(20), abandoned(1), abandoned(20, runs=3)

    assert "Put back 1 task(s); 1 marked failed." in run_command("requeue_abandoned_tasks")

    for task in (lost, busy, cursed):
        task.refresh_from_db()
    assert lost.status == "READY"
    assert busy.status == "RUNNING"  # still within the limit: its worker may be at it
    assert cursed.status == "FAILED"
    assert "never finished" in cursed.traceback
    # A task put back is found by the worker like any new one.
    assert DBTaskResult.objects.ready().filter(pk=lost.pk).exists()


def test_every_topology_runs_the_resilient_worker_and_restarts_it():
    compose = yaml.safe_load((settings.BASE_DIR / "compose.yaml").read_text())
    worker = compose["services"]["worker"]
    assert worker["command"][:3] == ["python", "manage.py", "run_worker"]
    assert worker["restart"] in ("always", "unless-stopped")

    for unit_name, command in [
        ("campaign-site-worker.service", "run_worker"),
        ("campaign-site-scheduler.service", "run_periodic_jobs"),
    ]:
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.read_string((settings.BASE_DIR / "deploy" / "systemd" / unit_name).read_text())
        service = unit["Service"]
        assert service["Restart"] == "always"
        program = service["ExecStart"].split()
        assert program[1:3] == ["manage.py", command]
        assert command in get_commands()
        assert service["Environment"].endswith("campaign_site.settings.production")
