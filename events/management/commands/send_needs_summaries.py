from django.core.management.base import BaseCommand

from events.registration.planner import send_due_summaries


class Command(BaseCommand):
    help = (
        "Email the organisers the access and interpretation summary of each event whose "
        "deadline has come (once per event, however often it runs). Run it every few minutes."
    )

    def handle(self, *args, **options):
        sent = send_due_summaries()
        self.stdout.write(f"Sent {sent} access and interpretation summary email(s).")
