"""The event index: upcoming or past events, filtered, paginated.

Every filter is a plain GET parameter, so a filtered list is a URL that can be shared.
Filters use values that are the same in every language (slugs, goal numbers), so a shared
link works in every language too.
"""

from django import forms
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from campaign_site.cache import cached
from home.listing import (
    ALL,
    FilterForm,
    choices_in_language,
    filter_queryset,
    paginate,
    sdg_choices,
)
from home.localization import get_locale_by_id
from home.models import Partner, Region, Topic

from .models.pages import EventFormat

PAGE_SIZE = 12


class EventFilterForm(FilterForm):
    filter_names = ("format", "region", "topic", "sdg", "organiser", "month")

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

    def __init__(self, data, *, locale, months):
        super().__init__(data)
        self.fields["format"].choices = [ALL, *EventFormat.choices]
        self.fields["region"].choices = choices_in_language(Region, locale)
        self.fields["topic"].choices = choices_in_language(Topic, locale)
        self.fields["sdg"].choices = sdg_choices(locale)
        self.fields["organiser"].choices = choices_in_language(Partner, locale)
        self.fields["month"].choices = [ALL] + [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]


FILTER_LOOKUPS = {
    "format": "format",
    "region": "regions__slug",
    "topic": "topics__slug",
    "sdg": "sdgs__number",
    "organiser": "organisers__slug",
}


def apply_filters(events, data):
    """Narrow an event queryset by the validated filter values."""
    if data.get("month"):
        year, month = (int(part) for part in data["month"].split("-"))
        events = events.filter(start_date__year=year, start_date__month=month)
    return filter_queryset(events, data, FILTER_LOOKUPS)


def event_listing_context(index, request):
    """Context for the event index template: form, chosen tab, page of events, counts."""
    now = timezone.now()
    events = index.events()
    months = cached(
        f"event-months:{index.pk}",
        lambda: sorted(
            set(events.annotate(month=TruncMonth("start_date")).values_list("month", flat=True)),
            reverse=True,
        ),
    )
    form = EventFilterForm(
        request.GET or None, locale=get_locale_by_id(index.locale_id), months=months
    )
    data = form.cleaned_filters()
    when = data.get("when") or "upcoming"
    filtered = apply_filters(events, data)
    upcoming = filtered.filter(ends_at__gte=now)
    past = filtered.filter(ends_at__lt=now)
    listing = (
        upcoming.order_by("starts_at", "pk")
        if when == "upcoming"
        else past.order_by("-starts_at", "-pk")
    )
    listing = listing.defer_streamfields()
    counts = {"upcoming": upcoming.count(), "past": past.count()}
    pages = paginate(listing, request, PAGE_SIZE, count=counts[when])
    query = request.GET.copy()
    query.pop("page", None)
    tab_urls = {}
    for tab in ("upcoming", "past"):
        tab_query = query.copy()
        tab_query["when"] = tab
        tab_urls[tab] = "?" + tab_query.urlencode()
    active = form.active_filters()
    return {
        "filter_form": form,
        "active_filters": active,
        "when": when,
        "events_page": pages["page"],
        "upcoming_count": counts["upcoming"],
        "past_count": counts["past"],
        "query_without_page": pages["query_without_page"],
        "page_range": pages["page_range"],
        "tab_urls": tab_urls,
        "is_filtered": bool(active),
    }
