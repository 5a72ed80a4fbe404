"""The admin's forms for registrations: staff add one through the rules of the public form
(places, waiting list, duplicates, its emails), and edit one without ever giving two active
registrations of an event the same address."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.localization import default_locale

from .forms import preferred_language_choices, stakeholder_group_choices, validate_one_line
from .models import Registration
from .services import address_taken, normalise_email, register_for_event
from .setup import registration_setup

FIELDS = [
    "name",
    "email",
    "organisation",
    "stakeholder_group",
    "country",
    "needs",
    "accessibility_needs",
    "preferred_language",
]

DUPLICATE = _("Another registration for this event already has this email address.")

# Why `register_for_event` refused, as staff are told, and next to which field.
REFUSALS = {
    "duplicate": ("email", _("This email address is already registered for this event.")),
    "full": (None, _("The event is fully booked and has no waiting list.")),
    "closed": (None, _("Registration for this event has closed.")),  # the event has ended
    "not_yet_open": (None, _("Registration for this event has not opened yet.")),
    "no_registration": ("event", _("This event takes no registrations on this site.")),
}


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({date_format(obj.start_date, 'SHORT_DATE_FORMAT')})"


def events_taking_registrations():
    """Published events (source language) with an on-site registration, not yet over."""
    event_model = Registration._meta.get_field("page").related_model
    events = event_model.objects.live().filter(locale=default_locale(), ends_at__gt=timezone.now())
    keep = [event.pk for event in events if _takes_registrations(event)]
    return event_model.objects.filter(pk__in=keep).order_by("starts_at", "pk")


def _takes_registrations(event):
    setup = registration_setup(event)
    return setup is not None and setup.kind == "on_site"


class RegistrationDetailsForm(forms.ModelForm):
    """What staff may write about a person: one-line name and organisation, the stakeholder
    groups of the public form, an address compared in lower case."""

    class Meta:
        model = Registration
        fields = FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "organisation"):
            self.fields[name].validators.append(validate_one_line)
        choices = stakeholder_group_choices()
        current = self.instance.stakeholder_group
        if current and current not in dict(choices):
            choices.append((current, current))  # kept from before, never lost by an edit
        self.fields["stakeholder_group"] = forms.ChoiceField(
            label=self.fields["stakeholder_group"].label, choices=choices, required=False
        )
        # The public form's choices: ticked needs and the language to follow the event in.
        self.fields["needs"] = forms.MultipleChoiceField(
            label=_("Access needs"),
            choices=Registration.Need.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["preferred_language"] = forms.ChoiceField(
            label=_("Language you want to follow the event in"),
            choices=preferred_language_choices,
            required=False,
        )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class AddRegistrationForm(RegistrationDetailsForm):
    """Staff register someone (by phone, on paper, at the door): the same rules and emails as
    the public form, in the language the person chose, but not bound by the registration's
    opening and closing dates; only until the event has ended."""

    event = EventChoiceField(label=_("Event"), queryset=None)
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    consent = forms.BooleanField(
        label=_("The person has agreed to the privacy policy"),
        help_text=_("For example by email or on a paper form. Nobody is registered without it."),
    )

    field_order = ["event", "language", *FIELDS, "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events_taking_registrations()
        self.fields["language"].initial = settings.LANGUAGE_CODE

    def register(self):
        """Register the person; raises `RegistrationError` when the rules say no (see
        `add_refusal` to show why)."""
        data = {name: self.cleaned_data[name] for name in FIELDS}
        event = self.cleaned_data["event"]
        language = self.cleaned_data["language"]
        # The version in the person's language, if published, for the links in their emails.
        locale = Locale.objects.filter(language_code=language).first()
        version = event.get_translation_or_none(locale) if locale else None
        if version is None or not version.live:
            version = event
        return register_for_event(version, language=language, by_staff=True, **data)

    def add_refusal(self, error):
        field, message = REFUSALS[error.code]
        self.add_error(field, message)


class EditRegistrationForm(RegistrationDetailsForm):
    """Staff correct a person's details; the address stays unique among the event's active
    registrations (the database refuses a second one; here staff are told why)."""

    def clean_email(self):
        email = super().clean_email()
        registration = self.instance
        if registration.status != Registration.Status.CANCELLED and address_taken(
            registration.event_key, email, exclude_pk=registration.pk
        ):
            raise forms.ValidationError(DUPLICATE, code="duplicate")
        return email
