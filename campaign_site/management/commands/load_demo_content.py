from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaign_site.demo import DEMO_PASSWORD, DEMO_USERNAME, build_demo_site
from campaign_site.demo.registrations import ensure_demo_registrations


class Command(BaseCommand):
    help = (
        "Build the demo campaign site (German, with English and French translations), people "
        "registered for its events with the emails they were sent, and a local admin account. "
        "Idempotent; refuses to run with production settings."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is for local use only and is not loaded with these settings "
                "(DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        build_demo_site(stdout=self.stdout)
        ensure_demo_registrations(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo site ready: http://127.0.0.1:8000/ — admin at http://127.0.0.1:8000/admin/ "
                f"(user “{DEMO_USERNAME}”, password “{DEMO_PASSWORD}”)."
            )
        )
