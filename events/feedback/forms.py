"""The public feedback form, built from the event's questions in the visitor's language,
and the recording of its answers."""

from dataclasses import dataclass, field

from django import forms
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from home.localization import localized_all
from home.models import Region, Topic
from home.models.taxonomies import in_source_language

from .blocks import RATING_SCALE
from .models import FeedbackAnswer, FeedbackResponse

CONSENT_FIELD = "consent_to_quote"


@dataclass(frozen=True)
class Question:
    key: str  # the block id: the same in every language version
    kind: str  # the block type: rating, choice, enabling_factor, free_text
    label: str
    help_text: str = ""
    options: list = field(default_factory=list)  # [(value, label)] for the choices
    low_label: str = ""
    high_label: str = ""


def enabling_factors():
    """The campaign's enabling factors: [(source topic id, name in the active language)]."""
    topics = list(Topic.objects.filter(in_source_language(), is_enabling_factor=True))
    names = {topic.translation_key: topic.name for topic in localized_all(topics)}
    return sorted(
        ((topic.pk, names.get(topic.translation_key, topic.name)) for topic in topics),
        key=lambda pair: pair[1].casefold(),
    )


def questions_of(event):
    """The questions of `event`'s feedback form, in the words of that language version."""
    factors = None
    found = []
    for block in event.feedback:
        value = block.value
        question = {
            "key": block.id,
            "kind": block.block_type,
            "label": value["question"],
            "help_text": value.get("help_text") or "",
        }
        if block.block_type == "rating":
            question["options"] = [(number, str(number)) for number in range(1, RATING_SCALE + 1)]
            question["low_label"] = value.get("low_label") or ""
            question["high_label"] = value.get("high_label") or ""
        elif block.block_type == "choice":
            question["options"] = list(enumerate(value["options"]))
        elif block.block_type == "enabling_factor":
            if factors is None:
                factors = enabling_factors()
            question["options"] = factors
        found.append(Question(**question))
    return found


class FeedbackForm(forms.Form):
    """Every question is optional; at least one must be answered."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.key] = self._field(question)
        self.fields[CONSENT_FIELD] = forms.BooleanField(
            label=_(
                "You may quote my written answers in the campaign's publications, without my "
                "name, stating only my stakeholder group and region."
            ),
            required=False,
        )

    @staticmethod
    def _field(question):
        if question.kind == "free_text":
            return forms.CharField(
                label=question.label,
                help_text=question.help_text,
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        return forms.TypedChoiceField(
            label=question.label,
            help_text=question.help_text,
            required=False,
            choices=[(str(value), label) for value, label in question.options],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
        )

    def clean(self):
        cleaned = super().clean()
        answered = [
            question for question in self.questions if cleaned.get(question.key) not in (None, "")
        ]
        if not answered and not self.errors:
            raise forms.ValidationError(_("Please answer at least one question."))
        return cleaned

    def question_fields(self):
        """(question, bound field) pairs, in the form's order."""
        return [(question, self[question.key]) for question in self.questions]


def respondent_key(registration):
    """Who answered, as a keyed hash of the registration and its secret: one response per
    person, and nothing that leads back to them once the secret is renewed."""
    return salted_hmac(
        "events.feedback.respondent",
        f"{registration.pk}:{registration.secret.hex}",
        algorithm="sha256",
    ).hexdigest()


def has_answered(registration):
    return FeedbackResponse.objects.filter(
        event_key=registration.event_key, respondent=respondent_key(registration)
    ).exists()


def region_of(country):
    """The slug of the first region (by name) that lists `country`, or ""."""
    if not country:
        return ""
    code = str(country)
    for region in Region.objects.filter(in_source_language()).order_by("name"):
        if code in {str(member.code) for member in region.countries}:
            return region.slug
    return ""


def record(event, registration, form):
    """Store the valid `form`'s answers, given on `event` (the version the person answered
    in). Returns the response, or None when this person had already answered."""
    questions = {question.key: question for question in form.questions}
    try:
        with transaction.atomic():
            response = FeedbackResponse.objects.create(
                event_key=event.translation_key,
                page=event,
                respondent=respondent_key(registration),
                language=event.locale.language_code,
                stakeholder_group=registration.stakeholder_group,
                region=region_of(registration.country),
                consent_to_quote=form.cleaned_data[CONSENT_FIELD],
            )
            answers = []
            for key, question in questions.items():
                value = form.cleaned_data.get(key)
                if value in (None, ""):
                    continue
                answer = FeedbackAnswer(response=response, question=key, kind=question.kind)
                if question.kind == "rating":
                    answer.rating = value
                elif question.kind == "choice":
                    answer.option = value
                elif question.kind == "enabling_factor":
                    answer.factor_id = value
                else:
                    answer.text = value.strip()
                answers.append(answer)
            FeedbackAnswer.objects.bulk_create(answers)
    except IntegrityError:
        return None
    return response
