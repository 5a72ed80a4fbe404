from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaign_site.large_site import LargeSiteError, Sizes, generate_large_site


class Command(BaseCommand):
    help = (
        "Generate a large site for measuring (on top of the demo site): events, insights, "
        "partners, people, images and registrations in every language. Runs once per "
        "database; refuses to run with production settings."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in ("events", "insights", "partners", "people", "images", "registrations"):
            parser.add_argument(
                f"--{name}",
                type=int,
                default=getattr(defaults, name),
                help=f"how many {name} (default {getattr(defaults, name)})",
            )
        parser.add_argument("--seed", type=int, default=2030, help="random seed (default 2030)")

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Generated content is for measuring only and is not created with these settings "
                "(DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        sizes = Sizes(
            **{
                name: options[name]
                for name in ("events", "insights", "partners", "people", "images", "registrations")
            }
        )
        if min(vars(sizes).values()) < 0:
            raise CommandError("Sizes must not be negative.")
        try:
            timings = generate_large_site(sizes, seed=options["seed"], stdout=self.stdout)
        except LargeSiteError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Large site generated in {timings['total']:.0f} s: {sizes.events} events, "
                f"{sizes.insights} insights, {sizes.partners} partners, {sizes.people} people, "
                f"{sizes.images} images, {sizes.registrations} registrations."
            )
        )
