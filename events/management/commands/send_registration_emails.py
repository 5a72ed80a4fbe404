from django.core.management.base import BaseCommand

from events.registration.emails import MAX_ATTEMPTS, retry_unsent


class Command(BaseCommand):
    help = (
        "Send registration emails that are still waiting or failed earlier (up to "
        f"{MAX_ATTEMPTS} attempts each). Run it every few minutes, e.g. from cron."
    )

    def handle(self, *args, **options):
        sent, failed = retry_unsent()
        self.stdout.write(f"Sent {sent} email(s); {failed} failed and will be retried.")
