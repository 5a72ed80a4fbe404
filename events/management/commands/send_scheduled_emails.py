from django.core.management.base import BaseCommand

from events.registration.schedule import send_scheduled_emails


class Command(BaseCommand):
    help = (
        "Email confirmed registrants the joining details and reminders that are due "
        "(each once, however often it runs). Run it every few minutes, e.g. from cron."
    )

    def handle(self, *args, **options):
        outcome = send_scheduled_emails()
        self.stdout.write(
            f"Queued {outcome.joining_details} joining details email(s) and "
            f"{outcome.reminders} reminder(s)."
        )
