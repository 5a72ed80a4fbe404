"""Feedback counted per event or for the whole campaign: respondents by stakeholder group
and region, each question's answers, the enabling factors ranked, the written answers.

Everything is counted by the database in a few queries, whatever the number of events. No
figure names or describes a person: respondents are counted by group, region and language.
Names of groups, regions and factors are given in the active language.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, OuterRef, Q, Subquery
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
    "campaign_summary",
    "factor_ranking",
    "quotes",
    "region_names",
    "summarise",
    "summarise_each",
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
    # Ratings: what 1 and the top of the scale mean, where the form says.
    low_label: str = ""
    high_label: str = ""


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
    question_key: str = ""  # the question's block id
    event_key: object = None  # the event's translation key


@dataclass
class Summary:
    responses: int = 0
    by_group: list = field(default_factory=list)  # [(name, n)], most first
    by_region: list = field(default_factory=list)
    by_language: list = field(default_factory=list)
    factors: list = field(default_factory=list)  # [(name, n)], most named first
    questions: list = field(default_factory=list)  # QuestionSummary, one event only
    consenting: int = 0
    written: int = 0  # written answers
    selected: int = 0  # written answers selected for quoting, their respondent consenting


@dataclass
class _QuestionTally:
    answers: int = 0
    values: Counter = field(default_factory=Counter)  # rating or option's place: n
    factors: Counter = field(default_factory=Counter)  # topic id: n


@dataclass
class _Tally:
    """What the database counted for one event (or several together), before naming."""

    responses: int = 0
    consenting: int = 0
    written: int = 0
    selected: int = 0
    groups: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    factors: Counter = field(default_factory=Counter)
    questions: dict = field(default_factory=lambda: defaultdict(_QuestionTally))

    def add(self, other):
        """Add `other`'s respondents and answers (not its questions: they are per event)."""
        for name in ("responses", "consenting", "written", "selected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("groups", "regions", "languages", "factors"):
            getattr(self, name).update(getattr(other, name))


def region_names():
    """{region slug: name in the active language}."""
    regions = list(Region.objects.filter(in_source_language()).order_by("name"))
    return {region.slug: region.name for region in localized_all(regions)}


def _label(slug, names, none):
    return names.get(slug, slug) if slug else none


def _by_count(pairs):
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0].casefold()))


def _ranked(counter, names, none):
    return _by_count((_label(slug, names, none), number) for slug, number in counter.items())


def _factor_names(topic_ids):
    """{topic id: the enabling factor's name in the active language}."""
    topics = list(Topic.objects.filter(pk__in=list(topic_ids)))
    names = {topic.translation_key: topic.name for topic in localized_all(topics)}
    return {topic.pk: names.get(topic.translation_key, topic.name) for topic in topics}


def _ranked_factors(counter, names):
    return _by_count((names[pk], number) for pk, number in counter.items() if pk in names)


def factor_ranking(answers, limit=None):
    """[(enabling factor's name, times named)], most named first, for `answers` (a
    FeedbackAnswer queryset): the factors named, each with its count, in one query (and
    their names in the active language in one more, where it is not theirs)."""
    per_factor = (
        answers.filter(factor=OuterRef("pk"))
        .order_by()
        .values("factor")
        .annotate(number=Count("pk"))
        .values("number")
    )
    named = Topic.objects.filter(pk__in=answers.values("factor"))
    topics = list(named.annotate(number=Subquery(per_factor)))
    names = {topic.translation_key: topic.name for topic in localized_all(topics)}
    ranked = _by_count(
        (names.get(topic.translation_key, topic.name), topic.number) for topic in topics
    )
    return ranked[:limit] if limit else ranked


def responses_for(event_keys=None):
    responses = FeedbackResponse.objects.all()
    if event_keys is not None:
        responses = responses.filter(event_key__in=list(event_keys))
    return responses


# A written answer that counts: a free text with words in it.
WRITTEN = Q(kind="free_text") & ~Q(text="")
SELECTED = WRITTEN & Q(quotable=True, response__consent_to_quote=True)


def _count_answers(answers, tally_of):
    """Add `answers` (a queryset) to the tallies `tally_of(event key)` gives, in one query."""
    rows = (
        answers.values("response__event_key", "question", "rating", "option", "factor")
        .annotate(
            number=Count("pk"),
            written=Count("pk", filter=WRITTEN),
            selected=Count("pk", filter=SELECTED),
        )
        .order_by()
    )
    for row in rows:
        tally = tally_of(row["response__event_key"])
        question = tally.questions[row["question"]]
        number = row["number"]
        question.answers += number
        if row["rating"] is not None:
            question.values[row["rating"]] += number
        elif row["option"] is not None:
            question.values[row["option"]] += number
        if row["factor"] is not None:
            question.factors[row["factor"]] += number
            tally.factors[row["factor"]] += number
        tally.written += row["written"]
        tally.selected += row["selected"]


def _tallies(event_keys=None, *, each=False):
    """The responses and answers counted (two queries): by event key when `each`, else all
    of them together under None."""
    tallies = defaultdict(_Tally)

    def tally_of(key):
        return tallies[key if each else None]

    responses = responses_for(event_keys)
    rows = (
        responses.values("event_key", "stakeholder_group", "region", "language", "consent_to_quote")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for row in rows:
        tally, number = tally_of(row["event_key"]), row["number"]
        tally.responses += number
        tally.groups[row["stakeholder_group"]] += number
        tally.regions[row["region"]] += number
        tally.languages[row["language"]] += number
        if row["consent_to_quote"]:
            tally.consenting += number
    answers = FeedbackAnswer.objects.all()
    if event_keys is not None:
        answers = answers.filter(response__event_key__in=list(event_keys))
    _count_answers(answers, tally_of)
    return tallies


def _names(tallies):
    """The names the summaries of `tallies` need, looked up once for all of them."""
    factors = set()
    for tally in tallies:
        factors.update(tally.factors)
    return stakeholder_group_names(), region_names(), _factor_names(factors)


def _summary(tally, names, event=None):
    groups, regions, factors = names
    summary = Summary(
        responses=tally.responses,
        by_group=_ranked(tally.groups, groups, _("No group given")),
        by_region=_ranked(tally.regions, regions, _("No region known")),
        by_language=sorted(tally.languages.items(), key=lambda pair: -pair[1]),
        factors=_ranked_factors(tally.factors, factors),
        consenting=tally.consenting,
        written=tally.written,
        selected=tally.selected,
    )
    if event is not None:
        summary.questions = _question_summaries(event, tally.questions, factors)
    return summary


def summarise(event_keys=None, event=None):
    """The summary of the feedback on the events `event_keys` (every event when None).
    With `event` (a version in the language the labels should be in), each of its
    questions is summarised too."""
    if event is not None:
        return summarise_each([event])[event.translation_key]
    tally = _tallies(event_keys)[None]
    return _summary(tally, _names([tally]))


def summarise_each(events):
    """{event's translation key: its Summary, questions included} for `events`, counted for
    all of them at once (a handful of queries, however many events). Each event is the
    version whose words label the questions, its feedback form loaded."""
    events = list(events)
    tallies = _tallies([event.translation_key for event in events], each=True)
    names = _names(tallies.values())
    return {
        event.translation_key: _summary(tallies[event.translation_key], names, event)
        for event in events
    }


def campaign_summary():
    """(the whole campaign's Summary, {event's translation key: its Summary}) for every
    event with feedback, questions left out; counted in a handful of queries."""
    tallies = _tallies(each=True)
    total = _Tally()
    for tally in tallies.values():
        total.add(tally)
    names = _names([total])
    return _summary(total, names), {key: _summary(tally, names) for key, tally in tallies.items()}


def question_summaries(event, answers):
    """Each question of `event`'s form with `answers` (a queryset) counted."""
    tally = _Tally()
    _count_answers(answers, lambda _key: tally)
    return _question_summaries(event, tally.questions, _factor_names(tally.factors))


def _question_summaries(event, counted, factor_names):
    found = []
    for block in event.feedback:
        tally = counted.get(block.id) or _QuestionTally()
        summary = QuestionSummary(
            block.id, block.block_type, block.value["question"], tally.answers
        )
        if block.block_type == "rating":
            summary.counts = [
                (number, tally.values[number]) for number in range(1, RATING_SCALE + 1)
            ]
            rated = sum(tally.values.values())
            if rated:
                total = sum(value * number for value, number in tally.values.items())
                summary.average = total / rated
            summary.low_label = block.value.get("low_label") or ""
            summary.high_label = block.value.get("high_label") or ""
        elif block.block_type == "choice":
            summary.counts = [
                (option, tally.values[index]) for index, option in enumerate(block.value["options"])
            ]
        elif block.block_type == "enabling_factor":
            summary.counts = _ranked_factors(tally.factors, factor_names)
        found.append(summary)
    return found


def quotes(event_keys=None, *, selected_only=False, question=None):
    """The written answers, newest first, as `Quote`s; `selected_only`: those staff chose
    for quoting (which needs the respondent's consent); `question`: one question's (its
    block id)."""
    answers = FeedbackAnswer.objects.filter(
        response__in=responses_for(event_keys), kind="free_text"
    ).exclude(text="")
    if selected_only:
        answers = answers.filter(quotable=True, response__consent_to_quote=True)
    if question:
        answers = answers.filter(question=question)
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
            answer.question,
            answer.response.event_key,
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
