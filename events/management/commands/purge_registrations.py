from django.conf import settings
from django.core.management.base import BaseCommand

from events.registration.retention import expired_registrations, purge


class Command(BaseCommand):
    help = (
        "Anonymise (or with --delete remove) registrations of events that ended more than "
        "--days days ago (default: REGISTRATION_RETENTION_DAYS). --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.REGISTRATION_RETENTION_DAYS)
        parser.add_argument("--delete", action="store_true", help="Delete instead of anonymise.")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, days, delete, dry_run, **options):
        action = "delete" if delete else "anonymise"
        if dry_run:
            events = expired_registrations(days).values("event_key").distinct().count()
            count = purge(days, dry_run=True)
            self.stdout.write(
                f"Dry run: would {action} {count} registration(s) of {events} event(s) that "
                f"ended more than {days} days ago. Nothing was changed."
            )
            return
        count = purge(days, delete=delete)
        done = "Deleted" if delete else "Anonymised"
        self.stdout.write(self.style.SUCCESS(f"{done} {count} registration(s)."))
