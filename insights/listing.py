"""The insight index: newest first, filtered, paginated.

Every filter is a plain GET parameter, so a filtered list is a URL that can be shared. Filters
use values that are the same in every language (type keys, slugs, goal numbers), so a shared
link works in every language too.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.listing import (
    ALL,
    FilterForm,
    choices_in_language,
    filter_queryset,
    paginate,
    sdg_choices,
)
from home.localization import get_locale_by_id
from home.models import Partner, Region, StakeholderGroup, Topic

from .models.pages import InsightType, listing_queryset

PAGE_SIZE = 12


class InsightFilterForm(FilterForm):
    filter_names = ("type", "sdg", "region", "stakeholder_group", "topic", "partner")

    type = forms.ChoiceField(label=_("Type"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), coerce=int, required=False, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False)
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), required=False)
    topic = forms.ChoiceField(label=_("Topic or enabling factor"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, data, *, locale):
        super().__init__(data)
        self.fields["type"].choices = [ALL, *InsightType.choices]
        self.fields["sdg"].choices = sdg_choices(locale)
        self.fields["region"].choices = choices_in_language(Region, locale)
        self.fields["stakeholder_group"].choices = choices_in_language(StakeholderGroup, locale)
        self.fields["topic"].choices = choices_in_language(Topic, locale)
        self.fields["partner"].choices = choices_in_language(Partner, locale)


FILTER_LOOKUPS = {
    "type": "insight_type",
    "sdg": "sdgs__number",
    "region": "regions__slug",
    "stakeholder_group": "stakeholder_groups__slug",
    "topic": "topics__slug",
    "partner": "partners__slug",
}


def apply_filters(insights, data):
    """Narrow an insight queryset by the validated filter values."""
    return filter_queryset(insights, data, FILTER_LOOKUPS)


def insight_listing_context(index, request):
    """Context for the insight index template: form, page of insights, count, pagination."""
    form = InsightFilterForm(request.GET or None, locale=get_locale_by_id(index.locale_id))
    filtered = apply_filters(index.insights(), form.cleaned_filters())
    pages = paginate(listing_queryset(filtered), request, PAGE_SIZE)
    active = form.active_filters()
    return {
        "filter_form": form,
        "active_filters": active,
        "is_filtered": bool(active),
        "insights_page": pages["page"],
        "query_without_page": pages["query_without_page"],
        "page_range": pages["page_range"],
    }
