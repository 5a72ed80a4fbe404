"""The event index: upcoming or past events, filtered, paginated.

Every filter is a plain GET parameter, so a filtered list is a URL that can be shared.
Filters use values that are the same in every language (slugs, goal numbers), so a shared
link works in every language too. What every filtered listing shares is in `home.listing`;
this module says only what the event index adds: the month filter and the two tabs.
"""

from django import forms
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from campaign_site.cache import cached
from home.listing import (
    ALL,
    SDG_KIND,
    FilterForm,
    choices_of_kinds,
    field_choices,
    listing_context,
    listing_state,
    sdg_choices,
)
from home.localization import get_locale_by_id
from home.models import Partner, Region, Topic

PAGE_SIZE = 12


class EventFilterForm(FilterForm):
    filter_names = ("format", "region", "topic", "sdg", "organiser", "month")
    lookups = {
        "format": "format",
        "region": "regions__slug",
        "topic": "topics__slug",
        "sdg": "sdgs__number",
        "organiser": "organisers__slug",
    }

    when = forms.ChoiceField(
        label=_("Show"),
        choices=[("upcoming", _("Upcoming events")), ("past", _("Past events"))],
        required=False,
    )
    format = forms.ChoiceField(label=_("Format"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), coerce=int, required=False, empty_value=None)
    organiser = forms.ChoiceField(label=_("Organiser"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, data, *, events, locale, months):
        super().__init__(data)
        self.fields["format"].choices = field_choices(events.model, "format")
        regions, topics, goals, partners = choices_of_kinds(
            [Region, Topic, SDG_KIND, Partner], locale
        )
        self.fields["region"].choices = regions
        self.fields["topic"].choices = topics
        self.fields["sdg"].choices = sdg_choices(locale, goals)
        self.fields["organiser"].choices = partners
        self.fields["month"].choices = [ALL] + [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]

    def filter(self, events):
        """The chosen month (of the event's start), then the shared filters."""
        chosen = self.cleaned_filters().get("month")
        if chosen:
            year, month = (int(part) for part in chosen.split("-"))
            events = events.filter(start_date__year=year, start_date__month=month)
        return super().filter(events)


def event_months(index, events):
    """The months (newest first) in which the index's events start, for the month filter."""
    return cached(
        f"event-months:{index.pk}",
        lambda: sorted(
            set(events.annotate(month=TruncMonth("start_date")).values_list("month", flat=True)),
            reverse=True,
        ),
    )


def event_listing_context(index, request, changes_at=None):
    """Context for the event index template: form, chosen tab, page of events, counts.

    The counts and the rendered listing (`listing_key`, `{% kept %}`) are kept per filters
    asked for until content changes or `changes_at`, the next moment an event starts or
    ends (which moves events from upcoming to past)."""
    now = timezone.now()
    events = index.events()
    form = EventFilterForm(
        request.GET or None,
        events=events,
        locale=get_locale_by_id(index.locale_id),
        months=event_months(index, events),
    )
    when = form.cleaned_filters().get("when") or "upcoming"
    filtered = form.filter(events)
    upcoming = filtered.filter(ends_at__gte=now)
    past = filtered.filter(ends_at__lt=now)
    listing = (
        upcoming.order_by("starts_at", "pk")
        if when == "upcoming"
        else past.order_by("-starts_at", "-pk")
    )
    until = int(changes_at.timestamp()) if changes_at is not None else "-"
    state = f"{listing_state(index, request)}:{until}"
    counts = cached(
        f"event-counts:{state}",
        lambda: {"upcoming": upcoming.count(), "past": past.count()},
        request=request,
    )
    context = listing_context(
        request,
        form,
        # Cards show the city and an image: renditions are fetched with the page of events.
        listing.select_related("image").prefetch_related("image__renditions").defer_streamfields(),
        PAGE_SIZE,
        page_name="events_page",
        count=counts[when],
    )
    query = request.GET.copy()
    query.pop("page", None)
    tab_urls = {}
    for tab in ("upcoming", "past"):
        query["when"] = tab
        tab_urls[tab] = "?" + query.urlencode()
    return {
        **context,
        "listing_key": f"event-listing:{state}:{context['events_page'].number}",
        "when": when,
        "upcoming_count": counts["upcoming"],
        "past_count": counts["past"],
        "tab_urls": tab_urls,
    }
