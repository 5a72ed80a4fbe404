from django.core.management.base import BaseCommand

from events.feedback.follow_up import send_follow_ups
from events.registration.schedule import send_scheduled_emails


class Command(BaseCommand):
    help = (
        "Email registrants what is due: the joining details and reminders before an event, "
        "the follow-up after it (each once, however often it runs). Run it every few "
        "minutes, e.g. from cron."
    )

    def handle(self, *args, **options):
        outcome = send_scheduled_emails()
        follow_ups = send_follow_ups()
        self.stdout.write(
            f"Queued {outcome.joining_details} joining details email(s), "
            f"{outcome.reminders} reminder(s) and {follow_ups} follow-up(s)."
        )
