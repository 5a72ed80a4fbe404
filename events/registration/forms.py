"""The registration form: standard fields, the event's own questions, consent, honeypot."""

import re
import unicodedata
from functools import lru_cache, partial
from html import escape

from django_countries import countries

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.choices import CallableChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from home.listing import choices_in_language
from home.localization import active_locale
from home.models import StakeholderGroup

from .models import Registration


def stakeholder_group_choices():
    """The stakeholder groups in the visitor's language (cached until content changes)."""
    return [("", "—")] + choices_in_language(StakeholderGroup, active_locale())[1:]


def preferred_language_choices():
    """The site's languages by their own names ("Deutsch", "English", "Français"), after
    "no preference": whoever reads one of them finds it whatever the page's language."""
    return [("", _("No preference"))] + list(settings.LANGUAGES)


@lru_cache(maxsize=16)
def country_choices(language):
    """Countries sorted by their name in `language` (the same for every form in it)."""
    with translation.override(language):
        return [("", "—")] + [(code, str(name)) for code, name in countries]


# Control characters (line breaks, escapes) and the Unicode line and paragraph separators.
NOT_ONE_LINE = {"Cc", "Zl", "Zp"}


def validate_one_line(value):
    """Refuse text that is not one plain line: a name is repeated in the emails we send, where
    a second line could carry someone else's words (a link, say) to any address."""
    if any(unicodedata.category(character) in NOT_ONE_LINE for character in value):
        raise forms.ValidationError(
            _("Please enter one line, without line breaks or control characters."),
            code="not_one_line",
        )


# What mail programs turn into a link: a scheme, "www.", an email address, a domain with a path.
LINK_LIKE = re.compile(r"://|\bwww\.|\S@\S|\.[^\W\d_]{2,}/", re.IGNORECASE)


def validate_no_link(value):
    """Refuse a name that holds a web or email address: the name opens every email we send,
    and a stranger's link there would stand above the site's own words."""
    if LINK_LIKE.search(value):
        raise forms.ValidationError(
            _("Please enter your name only, without a web or email address."),
            code="link_in_name",
        )


class QuickSelect(forms.Select):
    """A `<select>` written in one pass: Django renders each `<option>` through a template of
    its own, which made the 250 countries the slowest part of an event page."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted, chosen = set(self.format_value(value)), []

        def option(value, label):
            value = "" if value is None else str(value)
            selected = value in wanted and not chosen
            if selected:
                chosen.append(value)
            return '<option value="{}"{}>{}</option>'.format(
                escape(value), " selected" if selected else "", escape(str(label))
            )

        parts = []
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):
                options = "".join(option(*choice) for choice in label)
                parts.append(f'<optgroup label="{escape(str(value))}">{options}</optgroup>')
            else:
                parts.append(option(value, label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(parts)),  # noqa: S308 - every value and label escaped above
        )


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, validators=[validate_one_line, validate_no_link]
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, validators=[validate_one_line]
    )
    stakeholder_group = forms.ChoiceField(
        label=_("Stakeholder group"), required=False, widget=QuickSelect
    )
    accessibility_needs = forms.CharField(
        label=_("Other needs or wishes"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything else that would help you take part, in your own words. Optional."),
    )
    # Ticked needs and the language to follow the event in, summed up for the organisers
    # (events.registration.planner). Both optional, nothing ticked or chosen beforehand.
    needs = forms.MultipleChoiceField(
        label=_("Access needs"),
        choices=Registration.Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick what you need to take part. Optional."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language you want to follow the event in"),
        choices=preferred_language_choices,
        required=False,
        help_text=_("So we can plan interpretation. Optional."),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please agree to the privacy policy to register.")},
    )
    # Left empty by people (it is hidden); bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, questions=(), privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["stakeholder_group"].choices = stakeholder_group_choices()
        # Country names in the visitor's language.
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"),
            required=False,
            # Already a list of pairs: an iterator spares Django checking 250 choices again.
            choices=CallableChoiceIterator(partial(country_choices, translation.get_language())),
            widget=QuickSelect,
        )

        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if privacy_url:
            self.fields["consent"].label = format_html(
                _('I agree to the <a href="{}">privacy policy</a>.'), privacy_url
            )
        else:
            self.fields["consent"].label = _("I agree to the privacy policy.")
        for question in questions:
            self.fields[f"q_{question.key}"] = self._question_field(question)
        self.order_fields(
            ["name", "email", "organisation", "stakeholder_group", "country"]
            + ["needs", "accessibility_needs", "preferred_language"]
            + [f"q_{question.key}" for question in questions]
            + ["consent", "website"]
        )

    @staticmethod
    def _question_field(question):
        common = {
            "label": question.label,
            "help_text": question.help_text,
            "required": question.required,
        }
        options = [(str(index), label) for index, label in enumerate(question.options)]
        if question.kind == "long_text":
            return forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        if question.kind == "single_choice":
            return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        if question.kind == "multiple_choice":
            return forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        if question.kind == "checkbox":
            return forms.BooleanField(**common)
        return forms.CharField(max_length=300, **common)

    def add_error(self, field, error):
        super().add_error(field, error)
        # Tie each field to its message, so screen readers announce it with the field.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = [f"{self[name].auto_id}-error"]
                if self.fields[name].help_text:
                    described.append(f"{self[name].auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)

    def is_spam(self):
        return bool(self.data.get("website"))

    def registration_data(self):
        """Cleaned data as `register_for_event` takes it (answers keyed by question id)."""
        data = self.cleaned_data
        answers = {}
        for question in self.questions:
            value = data.get(f"q_{question.key}")
            if value in (None, "", []):
                continue
            if question.kind == "single_choice":
                value = int(value)
            elif question.kind == "multiple_choice":
                value = [int(item) for item in value]
            answers[question.key] = value
        return {
            "name": data["name"].strip(),
            "email": data["email"],
            "organisation": data["organisation"].strip(),
            "stakeholder_group": data["stakeholder_group"],
            "country": data["country"] or "",
            "accessibility_needs": data["accessibility_needs"].strip(),
            "needs": list(data["needs"]),
            "preferred_language": data["preferred_language"],
            "answers": answers,
        }
