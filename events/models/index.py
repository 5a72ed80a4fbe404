"""The event index (listing and calendar feed) and the questions other parts ask of events."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from campaign_site.cache import cached, follow_every_change
from home.highlights import HighlightProvider
from home.models import CampaignPage

from ..listing import event_listing_context
from .pages import EventPage


class EventIndexPage(RoutablePageMixin, CampaignPage):
    """Lists the campaign's events: upcoming and past, filterable, paginated."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = CampaignPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    cache_for_visitors = True

    def page_cache_policy(self, request):
        # Events move from "upcoming" to "past" by the clock.
        return (), next_event_change()

    def get_cached_paths(self):
        # The frontend cache also holds the calendar feed of this listing.
        return ["/", "/calendar/"]

    def events(self):
        """Live, public events of this index (and so of its language)."""
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing_context(self, request, changes_at=next_event_change()))
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from ..calendar import calendar_response

        # Each event's LAST-MODIFIED changes with any publication of it, its text included.
        follow_every_change(request)
        upcoming = self.events().filter(ends_at__gte=timezone.now()).order_by("starts_at")
        return calendar_response(
            list(upcoming.defer_streamfields()), request, filename=f"{self.slug}.ics"
        )


def upcoming_events(locale, limit):
    """The next live, public events in `locale` that have not ended yet, soonest first."""
    return list(
        EventPage.objects.live()
        .outside_private_sections()
        .filter(locale=locale, ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .select_related("image")
        .defer_streamfields()[:limit]
    )


def next_event_change():
    """The next moment any live event starts or ends (None if none is ahead).

    Remembered until content changes or the moment has passed.
    """

    def find():
        now = timezone.now()
        moments = EventPage.objects.live().aggregate(
            start=models.Min("starts_at", filter=models.Q(starts_at__gt=now)),
            end=models.Min("ends_at", filter=models.Q(ends_at__gt=now)),
        )
        ahead = [moment for moment in moments.values() if moment]
        return {"moment": min(ahead) if ahead else None}

    found = cached("next-event-change", find)
    if found["moment"] is not None and found["moment"] <= timezone.now():
        found = find()
    return found["moment"]


# What the campaign overview shows of events (registered in the app's ready()).
UPCOMING_EVENTS_HIGHLIGHT = HighlightProvider(
    key="upcoming_events",
    heading=_("Upcoming events"),
    template="events/includes/highlights.html",
    items=upcoming_events,
    more_page=EventIndexPage,
    order=10,
    changes_at=next_event_change,
    image=lambda event: event.image,
)


__all__ = [
    "UPCOMING_EVENTS_HIGHLIGHT",
    "EventIndexPage",
    "next_event_change",
    "upcoming_events",
]
