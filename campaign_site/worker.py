"""The background worker kept alive through database outages, and abandoned tasks put back.

django-tasks-db's worker exits when its database connection fails while it polls (a
PostgreSQL restart, a network cut) and leaves the task it had claimed "running" for good.
`ResilientWorker` is that worker, restarted in the same process with a growing pause
(BACKOFF_START doubling up to BACKOFF_MAX) until the database answers again; a task whose
outcome it could not record goes back to the queue. `requeue_abandoned_tasks` does the same
for tasks any worker left "running" for longer than RUNNING_LIMIT (the worker process was
killed or its machine lost): run again, or failed after MAX_RUNS runs. Re-running is safe
for this site's tasks: registration emails are delivered idempotently, and Wagtail's index
and reference updates can be repeated.
"""

import logging
import time
from datetime import timedelta

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from django.db import DatabaseError, connections
from django.utils import timezone

from .log_format import first_line

logger = logging.getLogger(__name__)

BACKOFF_START = 1  # seconds
BACKOFF_MAX = 30
# Far longer than any task of this site takes (an email: seconds; EMAIL_TIMEOUT is 10 s).
RUNNING_LIMIT = timedelta(minutes=15)
# A task claimed this many times without an outcome is taken to kill its worker.
MAX_RUNS = 3


class AbandonedTask(Exception):
    """Recorded as the error of a task given up by `requeue_abandoned_tasks`."""


class ResilientWorker(Worker):
    """django-tasks-db's Worker, which waits out a database outage instead of exiting."""

    def __init__(self, **options):
        super().__init__(**options)
        self.claimed = None

    def run_task(self, db_task_result):
        self.claimed = db_task_result
        super().run_task(db_task_result)
        self.claimed = None

    def run(self):
        pause = BACKOFF_START
        while self.running:
            try:
                self._put_back_what_was_lost()
                pause = BACKOFF_START  # the database answers again
                super().run()
                return  # --batch or --max-tasks: done
            except DatabaseError as error:
                logger.warning(
                    "Worker %s: database unavailable (%s); trying again in %s s",
                    self.worker_id,
                    first_line(error),
                    pause,
                )
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, BACKOFF_MAX)

    def _put_back_what_was_lost(self):
        if self.claimed is not None:
            # Its outcome could not be saved: run it again rather than leave it "running".
            put_back = DBTaskResult.objects.filter(
                pk=self.claimed.pk, status="RUNNING", started_at=self.claimed.started_at
            ).update(status="READY", started_at=None)
            if put_back:
                logger.warning("Task id=%s put back in the queue", self.claimed.pk)
            self.claimed = None
        requeue_abandoned_tasks()


def requeue_abandoned_tasks(limit=RUNNING_LIMIT, max_runs=MAX_RUNS):
    """Put tasks "running" for longer than `limit` back in the queue, or mark them failed
    once they were claimed `max_runs` times. Returns (requeued, failed)."""
    abandoned = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=timezone.now() - limit)
    requeued = failed = 0
    for task in abandoned:
        if len(task.worker_ids) >= max_runs:
            failed += DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.{AbandonedTask.__name__}",
                traceback=f"AbandonedTask: claimed {len(task.worker_ids)} times, never finished",
            )
        else:
            requeued += DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").update(
                status="READY", started_at=None
            )
    if requeued or failed:
        logger.warning(
            "Abandoned tasks: %s put back in the queue, %s marked failed", requeued, failed
        )
    return requeued, failed
