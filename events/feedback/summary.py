"""Feedback counted per event or for the whole campaign: respondents by stakeholder group
and region, each question's answers, the enabling factors ranked, the written answers.

Everything is counted by the database in a few queries, whatever the number of events. No
figure names or describes a person: respondents are counted by group, region and language.
Names of groups, regions and factors are given in the active language.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Avg, Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.localization import localized_all
from home.models import Region, Topic
from home.models.taxonomies import in_source_language

from ..registration.display import stakeholder_group_names
from .blocks import RATING_SCALE
from .models import FeedbackAnswer, FeedbackResponse

__all__ = [
    "QuestionSummary",
    "Quote",
    "Summary",
    "factor_ranking",
    "quotes",
    "region_names",
    "summarise",
]


@dataclass
class QuestionSummary:
    key: str
    kind: str
    label: str
    answers: int = 0
    # Ratings: [(1, n), ..., (5, n)] and the average; choices and factors: [(label, n)].
    counts: list = field(default_factory=list)
    average: float | None = None


@dataclass(frozen=True)
class Quote:
    pk: int  # the answer's id (staff select it for quoting)
    text: str
    question: str
    group: str
    region: str
    language: str
    consent: bool
    selected: bool


@dataclass
class Summary:
    responses: int = 0
    by_group: list = field(default_factory=list)  # [(name, n)], most first
    by_region: list = field(default_factory=list)
    by_language: list = field(default_factory=list)
    factors: list = field(default_factory=list)  # [(name, n)], most named first
    questions: list = field(default_factory=list)  # QuestionSummary, one event only
    consenting: int = 0


def region_names():
    """{region slug: name in the active language}."""
    regions = list(Region.objects.filter(in_source_language()).order_by("name"))
    return {region.slug: region.name for region in localized_all(regions)}


def _label(slug, names, none):
    return names.get(slug, slug) if slug else none


def _ranked(counter, names, none):
    return sorted(
        ((_label(slug, names, none), number) for slug, number in counter.items()),
        key=lambda pair: (-pair[1], pair[0].casefold()),
    )


def factor_ranking(answers, limit=None):
    """[(enabling factor's name, times named)], most named first, for `answers` (a
    FeedbackAnswer queryset)."""
    rows = (
        answers.filter(factor__isnull=False)
        .values("factor")
        .annotate(number=Count("pk"))
        .order_by("-number", "factor")
    )
    counts = {row["factor"]: row["number"] for row in rows}
    topics = {topic.pk: topic for topic in Topic.objects.filter(pk__in=counts)}
    names = {topic.translation_key: topic.name for topic in localized_all(list(topics.values()))}
    ranked = sorted(
        (
            (names.get(topics[pk].translation_key, topics[pk].name), number)
            for pk, number in counts.items()
        ),
        key=lambda pair: (-pair[1], pair[0].casefold()),
    )
    return ranked[:limit] if limit else ranked


def responses_for(event_keys=None):
    responses = FeedbackResponse.objects.all()
    if event_keys is not None:
        responses = responses.filter(event_key__in=list(event_keys))
    return responses


def summarise(event_keys=None, event=None):
    """The summary of the feedback on the events `event_keys` (every event when None).
    With `event` (a version in the language the labels should be in), each of its
    questions is summarised too."""
    if event is not None:
        event_keys = [event.translation_key]
    responses = responses_for(event_keys)
    answers = FeedbackAnswer.objects.filter(response__in=responses)
    rows = list(
        responses.values("stakeholder_group", "region", "language", "consent_to_quote")
        .annotate(number=Count("pk"))
        .order_by()
    )
    groups, regions, languages = Counter(), Counter(), Counter()
    summary = Summary()
    for row in rows:
        summary.responses += row["number"]
        groups[row["stakeholder_group"]] += row["number"]
        regions[row["region"]] += row["number"]
        languages[row["language"]] += row["number"]
        if row["consent_to_quote"]:
            summary.consenting += row["number"]
    summary.by_group = _ranked(groups, stakeholder_group_names(), _("No group given"))
    summary.by_region = _ranked(regions, region_names(), _("No region known"))
    summary.by_language = sorted(languages.items(), key=lambda pair: -pair[1])
    summary.factors = factor_ranking(answers)
    if event is not None:
        summary.questions = question_summaries(event, answers)
    return summary


def question_summaries(event, answers):
    """Each question of `event`'s form with its answers counted (three queries)."""
    per_question = {
        row["question"]: row
        for row in answers.values("question")
        .annotate(number=Count("pk"), average=Avg("rating"))
        .order_by()
    }
    values = Counter(
        (row["question"], row["rating"] if row["rating"] is not None else row["option"])
        for row in answers.filter(factor__isnull=True, text="").values(
            "question", "rating", "option"
        )
    )
    factors = None
    found = []
    for block in event.feedback:
        row = per_question.get(block.id, {})
        summary = QuestionSummary(
            block.id, block.block_type, block.value["question"], row.get("number", 0)
        )
        if block.block_type == "rating":
            summary.counts = [
                (number, values[(block.id, number)]) for number in range(1, RATING_SCALE + 1)
            ]
            summary.average = row.get("average")
        elif block.block_type == "choice":
            summary.counts = [
                (option, values[(block.id, index)])
                for index, option in enumerate(block.value["options"])
            ]
        elif block.block_type == "enabling_factor":
            if factors is None:
                factors = factor_ranking(answers.filter(question=block.id))
            summary.counts = factors
        found.append(summary)
    return found


def quotes(event_keys=None, *, selected_only=False):
    """The written answers, newest first, as `Quote`s; `selected_only`: those staff chose
    for quoting (which needs the respondent's consent)."""
    answers = FeedbackAnswer.objects.filter(
        response__in=responses_for(event_keys), kind="free_text"
    ).exclude(text="")
    if selected_only:
        answers = answers.filter(quotable=True, response__consent_to_quote=True)
    groups, regions = stakeholder_group_names(), region_names()
    labels = _question_labels(answers)
    return [
        Quote(
            answer.pk,
            answer.text,
            labels.get(answer.question, ""),
            _label(answer.response.stakeholder_group, groups, _("No group given")),
            _label(answer.response.region, regions, _("No region known")),
            answer.response.language,
            answer.response.consent_to_quote,
            answer.quotable and answer.response.consent_to_quote,
        )
        for answer in answers.select_related("response").order_by("-response__submitted_at", "pk")
    ]


def _question_labels(answers):
    """{question key: the question's words} from the answered events' pages."""
    event_model = apps.get_model("events", "EventPage")
    keys = answers.values("response__event_key")
    labels = {}
    pages = event_model.objects.filter(translation_key__in=keys).select_related("locale")
    # The active language's words first, the other versions' where it has none.
    for page in sorted(pages, key=lambda page: page.locale.language_code != get_language()):
        for block in page.feedback:
            labels.setdefault(block.id, block.value["question"])
    return labels
