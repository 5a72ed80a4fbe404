"""The event index: upcoming or past events, filtered, paginated.

Every filter is a plain GET parameter, so a filtered list is a URL that can be shared.
Filters use values that are the same in every language (slugs, goal numbers), so a shared
link works in every language too.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from home.localization import default_locale
from home.models import Partner, Region, SustainableDevelopmentGoal, Topic

from .models.pages import EventFormat

PAGE_SIZE = 12


def _choices(model, locale, value_field="slug", label_field="name"):
    """Filter options in the visitor's language (falling back to the source language)."""
    rows = {}
    for obj in model.objects.filter(locale__in=[default_locale(), locale]):
        key = getattr(obj, value_field)
        if key not in rows or obj.locale_id == locale.pk:
            rows[key] = getattr(obj, label_field)
    return sorted(rows.items(), key=lambda item: str(item[1]))


class EventFilterForm(forms.Form):
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
        anything = [("", _("All"))]
        self.fields["format"].choices = anything + list(EventFormat.choices)
        self.fields["region"].choices = anything + _choices(Region, locale)
        self.fields["topic"].choices = anything + _choices(Topic, locale)
        goals = _choices(SustainableDevelopmentGoal, locale, "number", "short_name")
        self.fields["sdg"].choices = anything + [
            (number, f"{number}. {name}") for number, name in sorted(goals)
        ]
        self.fields["organiser"].choices = anything + _choices(Partner, locale)
        self.fields["month"].choices = anything + [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]

    def active_filters(self):
        """(name, label of the chosen value) for each filter in use, for the chips."""
        if not self.is_bound or not self.is_valid():
            return []
        active = []
        for name in ("format", "region", "topic", "sdg", "organiser", "month"):
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                label = dict(self.fields[name].choices).get(value, value)
                active.append({"name": name, "label": self.fields[name].label, "value": label})
        return active


def apply_filters(events, data):
    """Narrow an event queryset by the validated filter values."""
    if data.get("format"):
        events = events.filter(format=data["format"])
    if data.get("region"):
        events = events.filter(regions__slug=data["region"])
    if data.get("topic"):
        events = events.filter(topics__slug=data["topic"])
    if data.get("sdg"):
        events = events.filter(sdgs__number=data["sdg"])
    if data.get("organiser"):
        events = events.filter(organisers__slug=data["organiser"])
    if data.get("month"):
        year, month = (int(part) for part in data["month"].split("-"))
        events = events.filter(start_date__year=year, start_date__month=month)
    return events.distinct()


def event_listing_context(index, request):
    """Context for the event index template: form, chosen tab, page of events, counts."""
    now = timezone.now()
    events = index.events()
    months = events.annotate(month=TruncMonth("start_date")).values_list("month", flat=True)
    form = EventFilterForm(
        request.GET or None, locale=index.locale, months=sorted(set(months), reverse=True)
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
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
    paginator = Paginator(listing, PAGE_SIZE)
    paginator.count = counts[when]  # known already: spare the paginator its own COUNT
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tab_urls = {}
    for tab in ("upcoming", "past"):
        tab_query = query.copy()
        tab_query["when"] = tab
        tab_urls[tab] = "?" + tab_query.urlencode()
    return {
        "filter_form": form,
        "active_filters": form.active_filters(),
        "when": when,
        "events_page": page,
        "upcoming_count": counts["upcoming"],
        "past_count": counts["past"],
        "query_without_page": query.urlencode(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "tab_urls": tab_urls,
        "is_filtered": bool(form.active_filters()),
    }
