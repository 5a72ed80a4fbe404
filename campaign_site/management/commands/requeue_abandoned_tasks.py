from django.core.management.base import BaseCommand

from campaign_site.worker import MAX_RUNS, RUNNING_LIMIT, requeue_abandoned_tasks


class Command(BaseCommand):
    help = (
        f"Put background tasks that have been 'running' for more than {RUNNING_LIMIT} back in "
        f"the queue (their worker was stopped or lost its database); after {MAX_RUNS} runs "
        "without an outcome, mark them failed."
    )

    def handle(self, *args, **options):
        requeued, failed = requeue_abandoned_tasks()
        self.stdout.write(f"Put back {requeued} task(s); {failed} marked failed.")
