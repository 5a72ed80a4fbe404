"""The insight index: newest first, filtered, paginated.

Every filter is a plain GET parameter, so a filtered list is a URL that can be shared. Filters
use values that are the same in every language (type keys, slugs, goal numbers), so a shared
link works in every language too.
"""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from home.localization import default_locale
from home.models import Partner, Region, StakeholderGroup, SustainableDevelopmentGoal, Topic

from .models.pages import InsightType, listing_queryset

PAGE_SIZE = 12
FILTERS = ("type", "sdg", "region", "stakeholder_group", "topic", "partner")


def _choices(model, locale, value_field="slug", label_field="name"):
    """Filter options in the visitor's language (falling back to the source language)."""
    rows = {}
    for obj in model.objects.filter(locale__in=[default_locale(), locale]):
        key = getattr(obj, value_field)
        if key not in rows or obj.locale_id == locale.pk:
            rows[key] = getattr(obj, label_field)
    return sorted(rows.items(), key=lambda item: str(item[1]))


class InsightFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), coerce=int, required=False, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False)
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), required=False)
    topic = forms.ChoiceField(label=_("Topic or enabling factor"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, data, *, locale):
        super().__init__(data)
        anything = [("", _("All"))]
        self.fields["type"].choices = anything + list(InsightType.choices)
        goals = _choices(SustainableDevelopmentGoal, locale, "number", "short_name")
        self.fields["sdg"].choices = anything + [
            (number, f"{number}. {name}") for number, name in sorted(goals)
        ]
        self.fields["region"].choices = anything + _choices(Region, locale)
        self.fields["stakeholder_group"].choices = anything + _choices(StakeholderGroup, locale)
        self.fields["topic"].choices = anything + _choices(Topic, locale)
        self.fields["partner"].choices = anything + _choices(Partner, locale)

    def active_filters(self):
        """(name, label of the chosen value) for each filter in use, for the chips."""
        if not self.is_bound or not self.is_valid():
            return []
        active = []
        for name in FILTERS:
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                label = dict(self.fields[name].choices).get(value, value)
                active.append({"name": name, "label": self.fields[name].label, "value": label})
        return active


def apply_filters(insights, data):
    """Narrow an insight queryset by the validated filter values."""
    if data.get("type"):
        insights = insights.filter(insight_type=data["type"])
    if data.get("sdg"):
        insights = insights.filter(sdgs__number=data["sdg"])
    if data.get("region"):
        insights = insights.filter(regions__slug=data["region"])
    if data.get("stakeholder_group"):
        insights = insights.filter(stakeholder_groups__slug=data["stakeholder_group"])
    if data.get("topic"):
        insights = insights.filter(topics__slug=data["topic"])
    if data.get("partner"):
        insights = insights.filter(partners__slug=data["partner"])
    return insights.distinct()


def insight_listing_context(index, request):
    """Context for the insight index template: form, page of insights, count, pagination."""
    form = InsightFilterForm(request.GET or None, locale=index.locale)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filtered = apply_filters(index.insights(), data)
    paginator = Paginator(listing_queryset(filtered), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    active = form.active_filters()
    return {
        "filter_form": form,
        "active_filters": active,
        "is_filtered": bool(active),
        "insights_page": page,
        "query_without_page": query.urlencode(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }
