from django.core.management.base import BaseCommand

from events.registration.offers import sweep


class Command(BaseCommand):
    help = (
        "Lapse registrations whose address was not confirmed in time and places offered but "
        "not accepted in time, and offer the places they free to the next people waiting. "
        "Run it every minute; running it on several servers at once is safe."
    )

    def handle(self, *args, **options):
        lapsed, offered = sweep()
        self.stdout.write(f"Lapsed {lapsed} registration(s), offered {offered} place(s).")
