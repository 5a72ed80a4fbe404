"""The insight index: newest first, filtered, paginated; and what every list of insights needs.

Every filter is a plain GET parameter, so a filtered list is a URL that can be shared. Filters
use values that are the same in every language (type keys, slugs, goal numbers), so a shared
link works in every language too. What every filtered listing shares is in `home.listing`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign_site.cache import cached
from home.listing import (
    SDG_KIND,
    FilterForm,
    choices_of_kinds,
    field_choices,
    listing_context,
    listing_state,
    sdg_choices,
)
from home.localization import get_locale_by_id
from home.models import Partner, Region, StakeholderGroup, Topic

PAGE_SIZE = 12


def listing_queryset(queryset, cached=False):
    """What every list of insights needs, in a fixed number of queries however long it is.

    A list that will be `cached` leaves the images' renditions to Wagtail's rendition
    cache: prefetched ones would be frozen as they were, without renditions made later.
    """
    queryset = queryset.select_related("hero_image")
    if not cached:
        queryset = queryset.prefetch_related("hero_image__renditions")
    return queryset.order_by("-publication_date", "-pk").defer_streamfields()


class InsightFilterForm(FilterForm):
    filter_names = ("type", "sdg", "region", "stakeholder_group", "topic", "partner")
    lookups = {
        "type": "insight_type",
        "sdg": "sdgs__number",
        "region": "regions__slug",
        "stakeholder_group": "stakeholder_groups__slug",
        "topic": "topics__slug",
        "partner": "partners__slug",
    }

    type = forms.ChoiceField(label=_("Type"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), coerce=int, required=False, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False)
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), required=False)
    topic = forms.ChoiceField(label=_("Topic or enabling factor"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, data, *, insights, locale):
        super().__init__(data)
        self.fields["type"].choices = field_choices(insights.model, "insight_type")
        goals, regions, groups, topics, partners = choices_of_kinds(
            [SDG_KIND, Region, StakeholderGroup, Topic, Partner], locale
        )
        self.fields["sdg"].choices = sdg_choices(locale, goals)
        self.fields["region"].choices = regions
        self.fields["stakeholder_group"].choices = groups
        self.fields["topic"].choices = topics
        self.fields["partner"].choices = partners


def insight_listing_context(index, request):
    """Context for the insight index template: form, page of insights, count, pagination.

    The count and the rendered listing (`listing_key`, `{% kept %}`) are kept per filters
    asked for until content changes: a visitor with a session gets them without a query."""
    insights = index.insights()
    form = InsightFilterForm(
        request.GET or None, insights=insights, locale=get_locale_by_id(index.locale_id)
    )
    listing = listing_queryset(form.filter(insights))
    state = listing_state(index, request)
    count = cached(f"insight-count:{state}", listing.count, request=request)
    context = listing_context(
        request, form, listing, PAGE_SIZE, page_name="insights_page", count=count
    )
    context["listing_key"] = f"insight-listing:{state}:{context['insights_page'].number}"
    return context
