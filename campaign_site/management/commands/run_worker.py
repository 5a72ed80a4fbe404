"""The background worker of production: django-tasks-db's `db_worker`, with the same
options, that waits out database outages instead of exiting (campaign_site.worker)."""

import os

from django_tasks_db.management.commands import db_worker

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from campaign_site.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the background tasks from the database queue (as db_worker does); when the "
        "database goes away, wait for it and go on, and put back in the queue the tasks "
        "whose outcome was lost."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded_queue_names,
            batch=batch,
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()


WORKER_OPTIONS = ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")
