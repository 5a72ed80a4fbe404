"""The rules of one event's list, set at its desk: double opt-in, the time to accept an
offered place, and the stakeholder balance (caps and minimums per group and/or region).

Who may change registrations may change the rules; who may only see them sees the rules
as they are. Contradictory balance rules are refused with a message saying which; the
rules themselves are applied in `events.registration.balance`.
"""

from django import forms
from django.contrib import messages
from django.core.validators import MinValueValidator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign_site.cache import bump
from home.listing import choices_in_language
from home.localization import active_locale
from home.models import Region, StakeholderGroup

from ..models import EventPage
from ..registration.balance import Rule
from ..registration.models import BalanceRule, RegistrationList
from ..registration.setup import places_version_key, registration_setup, source_version
from .access import CHANGE, VIEW, refusing, require

Limit = BalanceRule.Limit


class ListRulesForm(forms.ModelForm):
    class Meta:
        model = RegistrationList
        fields = ["double_opt_in", "offer_hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Zero hours would offer a place nobody could accept.
        self.fields["offer_hours"].validators.append(MinValueValidator(1))
        self.fields["offer_hours"].widget.attrs["min"] = 1


def _choices(model, values_in_use):
    """A taxonomy's terms in the staff member's language, "—" (any) first; a slug a rule
    still names after its term was deleted stays choosable under its slug."""
    choices = [("", "—")] + choices_in_language(model, active_locale())[1:]
    known = {value for value, _label in choices}
    return choices + [(value, value) for value in sorted(values_in_use - known)]


class BalanceRuleForm(forms.ModelForm):
    stakeholder_group = forms.ChoiceField(label=gettext_lazy("Stakeholder group"), required=False)
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)

    class Meta:
        model = BalanceRule
        fields = ["stakeholder_group", "region", "limit", "number"]

    def __init__(self, *args, groups_in_use=frozenset(), regions_in_use=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder_group"].choices = _choices(StakeholderGroup, groups_in_use)
        self.fields["region"].choices = _choices(Region, regions_in_use)
        # "Number" reads as "numéro"/"Nummer": the field is how many places or what share.
        self.fields["number"].label = _("Places or percent")
        self.fields["number"].validators.append(MinValueValidator(1))
        self.fields["number"].widget.attrs["min"] = 1

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        if not cleaned.get("stakeholder_group") and not cleaned.get("region"):
            raise forms.ValidationError(
                _("Choose a stakeholder group, a region or both for this rule."),
                code="no_target",
            )
        if cleaned.get("limit") == Limit.AT_MOST_PERCENT and (cleaned.get("number") or 0) > 100:
            self.add_error("number", _("A share of the places cannot be more than 100 %."))
        return cleaned


class BaseBalanceRuleFormSet(forms.BaseInlineFormSet):
    """The event's balance rules; refuses rules that contradict each other."""

    def __init__(self, *args, capacity=None, names=None, **kwargs):
        self.capacity = capacity
        self.names = names or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        rules = list(self.queryset)
        kwargs["groups_in_use"] = {rule.stakeholder_group for rule in rules} - {""}
        kwargs["regions_in_use"] = {rule.region for rule in rules} - {""}
        return kwargs

    def rules(self):
        """The rules as entered, without those marked for deletion or left empty."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def describe(self, rule):
        """A rule's target as the staff member reads it: "Private sector, Africa"."""
        groups, regions = self.names.get("groups", {}), self.names.get("regions", {})
        parts = []
        if rule.get("stakeholder_group"):
            parts.append(str(groups.get(rule["stakeholder_group"], rule["stakeholder_group"])))
        if rule.get("region"):
            parts.append(str(regions.get(rule["region"], rule["region"])))
        return ", ".join(parts)

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        rules = self.rules()
        errors = []
        seen = set()
        for rule in rules:
            key = (rule["stakeholder_group"], rule["region"], rule["limit"])
            if key in seen:
                errors.append(
                    _("The same rule is given twice for “%(target)s”: keep one of them.")
                    % {"target": self.describe(rule)}
                )
            seen.add(key)
        if self.capacity is not None:
            minimums = sum(rule["number"] for rule in rules if rule["limit"] == Limit.AT_LEAST)
            if minimums > self.capacity:
                errors.append(
                    _(
                        "The minimums add up to %(minimums)s places, more than the event's "
                        "%(capacity)s places."
                    )
                    % {"minimums": minimums, "capacity": self.capacity}
                )
            for minimum in rules:
                if minimum["limit"] != Limit.AT_LEAST:
                    continue
                for cap in rules:
                    if cap["limit"] == Limit.AT_LEAST or not _covers(minimum, cap):
                        continue
                    most = Rule(cap["limit"], cap["number"]).places(self.capacity)
                    if minimum["number"] > most:
                        errors.append(
                            _(
                                "At least %(minimum)s places are kept for “%(target)s”, but "
                                "at most %(most)s may go to “%(capped)s”."
                            )
                            % {
                                "minimum": minimum["number"],
                                "target": self.describe(minimum),
                                "most": most,
                                "capped": self.describe(cap),
                            }
                        )
        if errors:
            raise forms.ValidationError(errors)


def _covers(minimum, cap):
    """Whether everyone a minimum counts is also counted by a cap (the cap names the same
    group or none, and the same region or none)."""
    fields = ("stakeholder_group", "region")
    return all(not cap[field] or cap[field] == minimum[field] for field in fields)


BalanceRuleFormSet = forms.inlineformset_factory(
    RegistrationList,
    BalanceRule,
    form=BalanceRuleForm,
    formset=BaseBalanceRuleFormSet,
    fields=["stakeholder_group", "region", "limit", "number"],
    extra=1,
    can_delete=True,
)


def _names():
    locale = active_locale()
    return {
        "groups": dict(choices_in_language(StakeholderGroup, locale)[1:]),
        "regions": dict(choices_in_language(Region, locale)[1:]),
    }


@refusing
def list_rules(request, event_id):
    """The rules of the event's list: shown to whoever may see its registrations, saved
    by whoever may change them."""
    require(request.user, VIEW)
    event = source_version(get_object_or_404(EventPage, pk=event_id))
    setup = registration_setup(event)
    capacity = setup.capacity if setup is not None and setup.kind == "on_site" else None
    may_change = request.user.has_perm(CHANGE)
    # The row registrations lock: made here if nobody registered yet (with the defaults).
    registration_list, _created = RegistrationList.objects.get_or_create(
        event_key=event.translation_key
    )
    data = request.POST if request.method == "POST" else None
    if data is not None:
        require(request.user, CHANGE)
    form = ListRulesForm(data, instance=registration_list)
    formset = BalanceRuleFormSet(
        data,
        instance=registration_list,
        prefix="rules",
        capacity=capacity,
        names=_names(),
    )
    if data is not None and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            # Decisions on places wait while the rules change (the same lock).
            RegistrationList.objects.select_for_update().get(pk=registration_list.pk)
            form.save()
            formset.save()
            # The event page states the rules: renew it.
            bump(places_version_key(event.translation_key))
        messages.success(request, _("The rules for this event have been saved."))
        return redirect(reverse("events_desk_rules", args=[event.pk]))
    if data is not None:
        messages.error(request, _("The rules have not been saved. Please correct the errors."))
    if not may_change:
        for each in [form, *formset.forms]:
            for field in each.fields.values():
                field.disabled = True
    return TemplateResponse(
        request,
        "events/admin/desk_rules.html",
        {
            "event": event,
            "form": form,
            "formset": formset,
            "capacity": capacity,
            "may_change": may_change,
            "desk_url": reverse("events_desk", args=[event.pk]),
        },
    )
