"""The desk's filters: status, language, stakeholder group, needs, and the answers to the
event's own choice questions."""

import django_filters

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

from ..models import Registration, RegistrationMessage
from ..registration.delivery import problems
from ..registration.display import language_name, stakeholder_group_names


def language_choices():
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


class DeskFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Registration.Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    stakeholder_group = django_filters.ChoiceFilter(
        label=_("Stakeholder group"),
        choices=lambda: sorted(stakeholder_group_names().items(), key=lambda item: str(item[1])),
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    # Choices rather than a boolean, so the active filter reads "Yes", not "True".
    has_needs = django_filters.ChoiceFilter(
        label=_("Has accessibility or interpretation needs"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        method="filter_has_needs",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    # Registrations with an email that may not have arrived (failed, possibly sent, bounced).
    delivery = django_filters.ChoiceFilter(
        label=_("Emails"),
        choices=[("problems", _("Delivery problems"))],
        method="filter_delivery",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Registration
        fields = []

    def filter_delivery(self, queryset, name, value):
        if value == "problems":
            return queryset.filter(
                pk__in=problems(RegistrationMessage.objects).values("registration")
            )
        return queryset

    def filter_has_needs(self, queryset, name, value):
        # Needs written in the form's text field or ticked among its access needs.
        if value == "true":
            return queryset.exclude(accessibility_needs="", needs=[])
        if value == "false":
            return queryset.filter(accessibility_needs="", needs=[])
        return queryset


def answer_filter(question):
    """A filter by the answer to one choice or yes/no question (answers are stored as JSON,
    compared here rather than in the database so every backend gives the same result)."""
    if question.kind == "checkbox":
        choices = [("yes", _("yes")), ("no", _("no"))]
    else:
        choices = [(str(index), option) for index, option in enumerate(question.options)]

    def matches(answer, value):
        if question.kind == "checkbox":
            return bool(answer) == (value == "yes")
        if question.kind == "multiple_choice":
            return value in [str(item) for item in answer or []]
        return answer is not None and str(answer) == value

    def filter_by_answer(queryset, name, value):
        if not value:
            return queryset
        chosen = [
            pk
            for pk, answers in queryset.values_list("pk", "answers")
            if matches((answers or {}).get(question.key), value)
        ]
        return queryset.filter(pk__in=chosen)

    return django_filters.ChoiceFilter(
        label=question.label,
        choices=choices,
        method=filter_by_answer,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )


def filterset_for(questions):
    """The desk's filters, with one more for each choice question of the event."""
    extra = {
        f"answer_{position}": answer_filter(question)
        for position, question in enumerate(questions)
        if question.kind in ("single_choice", "multiple_choice", "checkbox")
    }
    return type("EventDeskFilterSet", (DeskFilterSet,), extra)
