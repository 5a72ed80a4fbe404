"""The learnings dashboard in the admin: the feedback of the whole campaign and of each
event as charts (respondents by stakeholder group, region and language, the enabling
factors ranked, each rating and choice question), the written answers to read and select
for quoting, and exports without personal data.

Open to whoever may see the event reports (who may see registrations): it shows counts and
answers with the respondent's group, region and language, never a person.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.localization import default_locale, localized_all

from ..desk.access import VIEW, refusing, require
from ..desk.reports import CONTENT_TYPES
from ..models import EventPage
from ..registration.display import language_name
from ..registration.setup import source_version
from . import exports
from .blocks import RATING_SCALE
from .charts import bar_chart
from .models import FeedbackAnswer
from .quoting import NoConsent, set_quotable
from .summary import campaign_summary, quotes, summarise_each

__all__ = [
    "campaign_learnings",
    "campaign_learnings_export",
    "event_learnings",
    "event_learnings_export",
    "select_for_quoting",
]

ANSWERS_PER_PAGE = 25


def events_named(keys, *, with_forms=False):
    """The event of each translation key in `keys` whose page is left, latest first, each
    its source version (another version only when that one is gone). `with_forms`: with
    their feedback forms loaded (else left out, as listings do)."""
    pages = EventPage.objects.filter(translation_key__in=list(keys)).order_by("pk")
    if not with_forms:
        pages = pages.defer_streamfields()
    source = default_locale().pk
    events = {}
    for page in pages:
        if page.translation_key not in events or page.locale_id == source:
            events[page.translation_key] = page
    return sorted(events.values(), key=lambda event: (event.start_date, event.pk), reverse=True)


def _event_or_404(event_id):
    return source_version(get_object_or_404(EventPage, pk=event_id))


def _in_staff_language(event):
    """`event`'s version in the active language, if published, whose words label its
    questions (the source version's otherwise)."""
    return localized_all([event])[0]


def summary_charts(summary, prefix):
    """The charts every learnings page shows, by name, as HTML."""
    return {
        "groups": bar_chart(
            summary.by_group,
            chart_id=f"{prefix}-groups",
            title=_("Respondents by stakeholder group"),
            heading=_("Stakeholder group"),
        ),
        "regions": bar_chart(
            summary.by_region,
            chart_id=f"{prefix}-regions",
            title=_("Respondents by region"),
            heading=_("Region"),
            pattern="hatched",
        ),
        "languages": bar_chart(
            [(language_name(code), number) for code, number in summary.by_language],
            chart_id=f"{prefix}-languages",
            title=_("Respondents by language"),
            heading=_("Language"),
        ),
        "factors": bar_chart(
            summary.factors,
            chart_id=f"{prefix}-factors",
            title=_("Enabling factors, most named first"),
            heading=_("Enabling factor"),
            unit=_("Times named"),
            pattern="dotted",
        ),
    }


def _rating_label(value, question):
    meaning = {1: question.low_label, RATING_SCALE: question.high_label}.get(value)
    return f"{value} ({meaning})" if meaning else str(value)


def average_text(question):
    """E.g. "Average: 3.8 of 5" in the active language's number format ("" unanswered)."""
    if question.average is None:
        return ""
    return _("Average: %(average)s of %(scale)s") % {
        "average": number_format(round(question.average, 1), 1),
        "scale": RATING_SCALE,
    }


def question_chart(question, chart_id):
    """A rating's answers from 1 to 5 with their average, a choice's options, or the
    enabling factors named; "" for a written question (its answers are read, not drawn)."""
    if question.kind == "rating":
        return bar_chart(
            [(_rating_label(value, question), number) for value, number in question.counts],
            chart_id=chart_id,
            title=question.label,
            heading=_("Rating"),
            note=average_text(question),
        )
    if question.kind in ("choice", "enabling_factor"):
        return bar_chart(
            question.counts,
            chart_id=chart_id,
            title=question.label,
            heading=_("Answer"),
            pattern="hatched" if question.kind == "choice" else "dotted",
        )
    return ""


def _file_format(request):
    file_format = request.GET.get("format", "csv")
    if file_format not in CONTENT_TYPES:
        raise Http404
    return file_format


def _download(file_format, name, events, total=None, quotes=(), title=""):
    if file_format == "csv":
        content = exports.as_csv(events, total, quotes)
    else:
        content = exports.as_xlsx(events, total, quotes, title=title)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def _export_urls(url):
    return {"csv_url": f"{url}?format=csv", "xlsx_url": f"{url}?format=xlsx"}


@refusing
def campaign_learnings(request):
    """The whole campaign's feedback, then every event with feedback (counted at once)."""
    require(request.user, VIEW)
    total, by_key = campaign_summary()
    return TemplateResponse(
        request,
        "events/admin/learnings_campaign.html",
        {
            "summary": total,
            "charts": summary_charts(total, "learnings-campaign"),
            "events": [
                {
                    "page": event,
                    "summary": by_key[event.translation_key],
                    "url": reverse("events_desk_learnings", args=[event.pk]),
                }
                for event in events_named(by_key)
            ],
            **_export_urls(reverse("events_desk_campaign_learnings_export")),
        },
    )


@refusing
def campaign_learnings_export(request):
    """The campaign's learnings, event by event and in total, with the quotes selected
    (figures and consented quotes only)."""
    require(request.user, VIEW)
    file_format = _file_format(request)
    total, by_key = campaign_summary()
    events = events_named(by_key, with_forms=True)
    summaries = summarise_each(localized_all(events))
    day = timezone.localdate().isoformat()
    return _download(
        file_format,
        f"campaign-learnings-{day}",
        [(event, summaries[event.translation_key]) for event in events],
        total,
        quotes(by_key, selected_only=True),
        title=_("Campaign learnings"),
    )


def _answer_filters(request, questions):
    """The written answers' filters from the address: a question (one of `questions`' keys,
    else all) and whether only those selected for quoting are shown."""
    question = request.GET.get("question", "")
    return {
        "question": question if question in questions else "",
        "selected": request.GET.get("selected") == "1",
    }


@refusing
def event_learnings(request, event_id):
    """One event's feedback: who answered, each question's answers as a chart, and the
    written answers to read and select for quoting."""
    require(request.user, VIEW)
    event = _event_or_404(event_id)
    summary = summarise_each([_in_staff_language(event)])[event.translation_key]
    url = reverse("events_desk_learnings", args=[event.pk])
    written = {q.key: q for q in summary.questions if q.kind == "free_text"}
    filters = _answer_filters(request, written)
    found = quotes(
        [event.translation_key],
        selected_only=filters["selected"],
        question=filters["question"] or None,
    )
    answers = Paginator(found, ANSWERS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/learnings_event.html",
        {
            "event": event,
            "summary": summary,
            "charts": summary_charts(summary, f"learnings-{event.pk}"),
            "questions": [
                {
                    "summary": question,
                    "chart": question_chart(question, f"learnings-{event.pk}-{index}"),
                    "answers_url": f"{url}?question={question.key}#answers",
                }
                for index, question in enumerate(summary.questions)
            ],
            "written_questions": list(written.values()),
            "filters": filters,
            "answers": [
                {"quote": quote, "language": language_name(quote.language)} for quote in answers
            ],
            "page": answers,
            "elided_page_range": answers.paginator.get_elided_page_range(answers.number),
            "query": request.GET.urlencode(),
            "url": url,
            "desk_url": reverse("events_desk", args=[event.pk]),
            "report_url": reverse("events_desk_report", args=[event.pk]),
            "campaign_url": reverse("events_desk_campaign_learnings"),
            **_export_urls(reverse("events_desk_learnings_export", args=[event.pk])),
        },
    )


@refusing
def event_learnings_export(request, event_id):
    """One event's learnings as CSV or XLSX (figures and consented quotes only)."""
    require(request.user, VIEW)
    file_format = _file_format(request)
    event = _event_or_404(event_id)
    summary = summarise_each([_in_staff_language(event)])[event.translation_key]
    return _download(
        file_format,
        f"learnings-{event.slug}",
        [(event, summary)],
        quotes=quotes([event.translation_key], selected_only=True),
        title=event.title,
    )


def _back_to_answers(event, query, pk):
    # Rebuilt from its parts, so the address can only ever be the event's learnings.
    query = QueryDict(query).urlencode()
    url = reverse("events_desk_learnings", args=[event.pk])
    return url + (f"?{query}" if query else "") + f"#answer-{pk}"


@refusing
@require_POST
def select_for_quoting(request, event_id, pk):
    """Select a written answer for quoting ("quotable" = "1") or take it out again, then
    back to the answers as they were filtered. Selecting is refused, with a message, when
    the respondent did not agree to be quoted."""
    require(request.user, VIEW)
    event = _event_or_404(event_id)
    answer = get_object_or_404(
        FeedbackAnswer.objects.select_related("response"),
        pk=pk,
        kind="free_text",
        response__event_key=event.translation_key,
    )
    selected = request.POST.get("quotable") == "1"
    try:
        set_quotable(answer, selected)
    except NoConsent as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Selected for quoting.") if selected else _("Removed from the quotes.")
        )
    return redirect(_back_to_answers(event, request.POST.get("query", ""), pk))
