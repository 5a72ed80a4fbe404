"""A large generated site for measuring: hundreds of events, thousands of insights.

Built on the demo site (its tree, menus, taxonomies and organisers), in every content
language, with images, partners, people and registrations. The text is assembled from a
small vocabulary: it reads like the campaign but says nothing new. For benchmarks only;
`manage.py generate_large_site` refuses production settings like the demo command.
"""

import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from campaign_site.cache import bump
from campaign_site.demo import build_demo_site
from events.models import EventIndexPage
from home.models import Partner, Region, StakeholderGroup, SustainableDevelopmentGoal, Topic
from insights.models import InsightIndexPage

from .events import event_plans, make_events
from .insights import insight_plans, make_insights
from .keys import generated_key
from .registrations import make_registrations
from .snippets import make_images, make_partners, make_people

__all__ = ["LargeSiteError", "Sizes", "generate_large_site"]


class LargeSiteError(Exception):
    """The large site cannot be generated here (e.g. it already has been)."""


@dataclass(frozen=True)
class Sizes:
    """How much to generate (in the source language; each item exists in every language)."""

    events: int = 500
    insights: int = 2000
    partners: int = 300
    people: int = 300
    images: int = 60
    registrations: int = 3000


def already_generated():
    """True when this database already holds generated content."""
    keys = [generated_key(kind, 0) for kind in ("event", "insight")]
    return (
        Page.objects.filter(translation_key__in=keys).exists()
        or Partner.objects.filter(translation_key=generated_key("partner", 0)).exists()
    )


def source_pks(queryset, locale):
    """The primary keys of `queryset`'s objects in `locale`, in a stable order."""
    return list(queryset.filter(locale=locale).order_by("pk").values_list("pk", flat=True))


def generate_large_site(sizes=Sizes(), seed=2030, stdout=None):
    """Generate the large site; returns {step: seconds}. Raises LargeSiteError if it exists.

    Everything is written in one transaction: an interrupted run leaves nothing behind.
    """
    log = stdout.write if stdout else (lambda message: None)
    timings = {}

    def step(name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        timings[name] = time.perf_counter() - started
        log(f"{name}: {timings[name]:.1f} s")
        return result

    step("demo site", build_demo_site)
    if already_generated():
        raise LargeSiteError(
            "This database already holds a generated large site; use a fresh database."
        )
    rng = random.Random(seed)
    today = timezone.localdate()
    source = Locale.get_default()
    targets = list(
        Locale.objects.exclude(pk=source.pk)
        .filter(language_code__in=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES])
        .order_by("language_code")
    )
    languages = [source, *targets]
    event_indexes = {
        locale.language_code: EventIndexPage.objects.get(locale=locale) for locale in languages
    }
    insight_indexes = {
        locale.language_code: InsightIndexPage.objects.get(locale=locale) for locale in languages
    }

    with transaction.atomic():
        images = step("images", make_images, sizes.images)
        partners = step("partners", make_partners, sizes.partners, images, source, targets)
        people = step("people", make_people, sizes.people, images, source, targets)
        pools = {
            "images": [image.pk for image in images],
            "partners": source_pks(Partner.objects.filter(role="organiser"), source)
            + [partner.pk for partner in partners[source.language_code]],
            "people": [person.pk for person in people[source.language_code]],
            "sdgs": source_pks(SustainableDevelopmentGoal.objects, source),
            "regions": source_pks(Region.objects, source),
            "topics": source_pks(Topic.objects, source),
            "stakeholder_groups": source_pks(StakeholderGroup.objects, source),
        }
        plans = event_plans(sizes.events, today, rng, pools)
        events = step("events", make_events, plans, event_indexes)
        german_events = [page.pk for page in events[source.language_code]]
        insights = insight_plans(sizes.insights, today, rng, pools, german_events)
        step("insights", make_insights, insights, insight_indexes)
        step("registrations", make_registrations, sizes.registrations, plans, events, rng)
        # Pages, tags and relations went in with bulk inserts, which send no signals: the
        # content version is renewed here, once, so no cached page or fragment stays old.
        bump()
    timings["total"] = sum(timings.values())
    return timings
