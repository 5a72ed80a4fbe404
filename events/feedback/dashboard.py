"""What the learnings dashboard shows: the feedback of the whole campaign and of each event
as charts (respondents by stakeholder group, region and language, the enabling factors
ranked, each rating and choice question), the written answers to read and select for
quoting, and what its exports hold. Its admin pages: events.desk.learnings.

Counts and answers with the respondent's group, region and language, never a person; the
campaign's page is counted in the same few queries however many events had feedback.
"""

from django.apps import apps
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.localization import default_locale, localized_all

from ..registration.display import language_name
from ..timing import local_instant
from .blocks import RATING_SCALE
from .charts import bar_chart
from .follow_up import follow_up_state
from .summary import campaign_summary, quotes, summarise_each

__all__ = [
    "campaign_context",
    "campaign_export",
    "event_context",
    "event_export",
    "events_named",
    "follow_up_status",
    "question_chart",
    "summary_charts",
]

ANSWERS_PER_PAGE = 25


def events_named(keys, *, with_forms=False):
    """The event of each translation key in `keys` whose page is left, latest first, each
    its source version (another version only when that one is gone). `with_forms`: with
    their feedback forms loaded (else left out, as listings do)."""
    # The event page model, as the answers name it (events.models imports this package).
    event_model = apps.get_model("events", "EventPage")
    pages = event_model.objects.filter(translation_key__in=list(keys)).order_by("pk")
    if not with_forms:
        pages = pages.defer_streamfields()
    source = default_locale().pk
    events = {}
    for page in pages:
        if page.translation_key not in events or page.locale_id == source:
            events[page.translation_key] = page
    return sorted(events.values(), key=lambda event: (event.start_date, event.pk), reverse=True)


def _summary_in_staff_language(event):
    """`event`'s summary, its questions in the words of its version in the active language
    (if published; the source version's otherwise)."""
    return summarise_each(localized_all([event]))[event.translation_key]


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


def follow_up_status(event):
    """Whether `event`'s follow-up went out: its state (see `FollowUpState`) and the words,
    e.g. "Follow-up sent on 12 March 2026 to 14 people." (in the event's time zone)."""
    follow_up = follow_up_state(event)

    def day(instant):
        return date_format(local_instant(instant, event.time_zone), "DATE_FORMAT")

    if follow_up.state == "sent":
        text = ngettext(
            "Follow-up sent on %(date)s to %(number)s person.",
            "Follow-up sent on %(date)s to %(number)s people.",
            follow_up.number,
        ) % {"date": day(follow_up.first_sent_at), "number": follow_up.number}
    elif follow_up.state == "due":
        text = _("Follow-up not sent yet; due on %(date)s.") % {"date": day(follow_up.due)}
    elif follow_up.state == "missed":
        text = _("No follow-up was sent.")
    else:
        text = _("This event sends no follow-up email.")
    return {"state": follow_up.state, "text": text}


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


def campaign_context():
    """The campaign's page: its summary and charts, then every event with feedback."""
    total, by_key = campaign_summary()
    return {
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
    }


def event_context(event, *, question="", selected=False, page_number=None):
    """An event's page (`event`: its source version): whether its follow-up went out, its
    summary and charts, each question's chart, and its written answers, of one `question`
    (a block id; any unknown one means all) and only those `selected` for quoting if
    asked, a page at a time."""
    summary = _summary_in_staff_language(event)
    url = reverse("events_desk_learnings", args=[event.pk])
    written = {item.key: item for item in summary.questions if item.kind == "free_text"}
    question = question if question in written else ""
    found = quotes([event.translation_key], selected_only=selected, question=question or None)
    answers = Paginator(found, ANSWERS_PER_PAGE).get_page(page_number)
    return {
        "event": event,
        "follow_up": follow_up_status(event),
        "summary": summary,
        "charts": summary_charts(summary, f"learnings-{event.pk}"),
        "questions": [
            {
                "summary": item,
                "chart": question_chart(item, f"learnings-{event.pk}-{index}"),
                "answers_url": f"{url}?question={item.key}#answers",
            }
            for index, item in enumerate(summary.questions)
        ],
        "written_questions": list(written.values()),
        "filters": {"question": question, "selected": selected},
        "answers": [
            {"quote": quote, "language": language_name(quote.language)} for quote in answers
        ],
        "page": answers,
        "elided_page_range": answers.paginator.get_elided_page_range(answers.number),
        "url": url,
    }


def campaign_export():
    """What the campaign's export holds: (every event with feedback and its summary, the
    whole campaign's summary, the quotes selected with consent)."""
    total, by_key = campaign_summary()
    events = events_named(by_key, with_forms=True)
    summaries = summarise_each(localized_all(events))
    selected = quotes(by_key, selected_only=True)
    return [(event, summaries[event.translation_key]) for event in events], total, selected


def event_export(event):
    """What an event's export holds: ([(event, its summary)], the quotes selected with
    consent)."""
    summary = _summary_in_staff_language(event)
    return [(event, summary)], quotes([event.translation_key], selected_only=True)
