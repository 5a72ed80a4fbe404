"""A small scheduler for the site's periodic management commands (settings.PERIODIC_JOBS).

Run exactly one of it per site (the compose file's "scheduler" service); cron calling the
same commands is an equivalent alternative.
"""

import io
import logging
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the commands in PERIODIC_JOBS (scheduled publishing, email retries, retention) "
        "at their intervals, until stopped. --once runs each of them once and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")

    def handle(self, *args, once, **options):
        jobs = list(settings.PERIODIC_JOBS)
        if once:
            for name, _interval in jobs:
                self.run_job(name)
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        due = {name: time.monotonic() for name, _interval in jobs}
        while not self.stopping:
            for name, interval in jobs:
                if self.stopping:
                    break
                if time.monotonic() >= due[name]:
                    self.run_job(name)
                    due[name] = time.monotonic() + interval
            # Wake up at least once a second to notice a stop signal.
            time.sleep(max(0.0, min(1.0, min(due.values()) - time.monotonic())))

    def stop(self, signum, frame):
        logger.info("Stopping after the current job (%s)", signal.strsignal(signum))
        self.stopping = True

    def run_job(self, name):
        """Run one command; a failure is logged and never stops the other jobs."""
        close_old_connections()
        output = io.StringIO()
        try:
            call_command(name, stdout=output, stderr=output)
        except Exception:
            logger.exception("Periodic job %s failed", name)
        else:
            logger.info("Periodic job %s: %s", name, output.getvalue().strip())
        finally:
            close_old_connections()
