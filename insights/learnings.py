"""A learning drafted from a past event: one action turns what the event left behind into a
draft insight of type "learning", for the editorial workflow and translation.

The draft is written in the source language under the source-language insight index. It
carries the event's tags and organisers (as partners), is linked to the event (which lists
it among its learnings once it is published), and its body holds an introduction, the
programme, the speakers and the summary of the feedback: how many answered, by stakeholder
group and region, the ratings and choices, the enabling factors named most often and the
written answers staff selected for quoting, their respondents having agreed. Nothing names
a respondent. The draft is saved as a revision, never published: editors complete it and
submit it for review like any page. An event has one such draft: drafting again leads to the
one there is.
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format, time_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.log_actions import log

from events.feedback.blocks import RATING_SCALE
from events.feedback.summary import quotes, summarise
from events.models import EventPage
from events.programme import programme_days
from events.registration.setup import source_version
from events.reports.evidence import TOP_FACTORS
from home.localization import default_locale
from home.slugs import slug_from_title

from .choices import InsightType
from .models import InsightIndexPage, InsightPage, InsightPageEvent

__all__ = [
    "AlreadyDrafted",
    "LearningRefused",
    "draft_learning",
    "drafted_learning",
    "insight_index",
    "is_over",
    "learning_body",
    "learnings_of",
    "may_draft_learnings",
    "refusal",
]

# What the body's blocks allow (home.blocks.text): longer words would fail the editor's form.
HEADING_LENGTH = 120
FIGURE_LABEL_LENGTH = 120
QUOTE_NAME_LENGTH = 120
QUOTE_ROLE_LENGTH = 160
MAX_FIGURES = 6


class LearningRefused(Exception):
    """No learning may be drafted from this event by this person; the message says why."""


class AlreadyDrafted(Exception):
    """A learning was drafted from this event before (`learning`): no second one is made."""

    def __init__(self, learning):
        super().__init__(learning.title)
        self.learning = learning


def insight_index():
    """The insight index of the source language, where new insights are written."""
    return InsightIndexPage.objects.filter(locale=default_locale()).order_by("path").first()


def may_draft_learnings(user):
    """Whether `user` may add insights to the source-language index (and so draft one)."""
    index = insight_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def refusal(event, user, now=None):
    """Why `user` may not draft a learning from `event` now (a message in the active
    language), or None when they may: the event must be over, and they must be allowed to
    add insights to the source-language index."""
    if not may_draft_learnings(user):
        return _("You may not add insights, so you cannot draft a learning.")
    if not is_over(event, now):
        return _("“%(title)s” is not over yet: a learning can be drafted once it has ended.") % {
            "title": event.title
        }
    return None


def is_over(event, now=None):
    """Whether `event` (any page object of it, a draft being edited too) is over as
    published: judged by the dates of the page as stored, which for a live page are its
    live revision's (Wagtail keeps a live page's drafts in revisions only), so a draft
    that moves the date changes nothing until it is published."""
    stored = EventPage.objects.filter(pk=event.pk).only("starts_at", "ends_at").first()
    return stored is not None and stored.state(now or timezone.now()) == "past"


def learnings_of(event):
    """The learnings (source language, drafts included) that report on `event`, whatever
    its language version, latest first."""
    return (
        InsightPage.objects.filter(
            locale=default_locale(),
            insight_type=InsightType.LEARNING,
            event_links__event__translation_key=event.translation_key,
        )
        .distinct()
        .defer_streamfields()
        .order_by("-latest_revision_created_at", "-pk")
    )


def drafted_learning(event):
    """The learning drafted from `event` (any language version of it) before, the latest
    if there are several; None when there is none."""
    return learnings_of(event).first()


def draft_learning(event, user):
    """Draft a learning from `event` (any language version of it) as `user`; returns the
    new, unpublished insight. Raises `LearningRefused` when `refusal` gives a reason, and
    `AlreadyDrafted` when a learning was drafted from the event before."""
    reason = refusal(event, user)
    if reason:
        raise LearningRefused(reason)
    event = source_version(event)
    with transaction.atomic():
        # Two requests at once (a double click) draft one learning: the second waits for
        # the first here, then finds its draft.
        EventPage.objects.select_for_update(of=("self",)).filter(pk=event.pk).first()
        earlier = drafted_learning(event)
        if earlier is not None:
            raise AlreadyDrafted(earlier)
        return _draft(event, user)


def _draft(event, user):
    index = insight_index()
    with translation.override(index.locale.language_code):
        title = Truncator(_("Learnings from “%(title)s”") % {"title": event.title}).chars(255)
        teaser = _(
            "What the participants of “%(title)s” learned about partnerships for the SDGs, "
            "and what made theirs work."
        ) % {"title": event.title}
        learning = InsightPage(
            title=title,
            slug=_free_slug(index, title),
            insight_type=InsightType.LEARNING,
            live=False,
            owner=user,
            teaser=teaser,
            body=learning_body(event),
            sdgs=list(event.sdgs.all()),
            regions=list(event.regions.all()),
            topics=list(event.topics.all()),
            stakeholder_groups=list(event.stakeholder_groups.all()),
            partners=list(event.organisers.all()),
            event_links=[InsightPageEvent(event=event)],
        )
    index.add_child(instance=learning)
    revision = learning.save_revision(user=user, log_action=False, clean=False)
    log(instance=learning, action="wagtail.create", user=user, revision=revision)
    return learning


def _free_slug(parent, title):
    """A slug for `title` that no child of `parent` has yet (…-2, …-3 after the first)."""
    base = slug_from_title(title)[:240] or "learning"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# --- the body, in the active language (the source language when drafting) ---------------


def learning_body(event):
    """The draft's body for `event` (its source version): a stream value of the insight
    body's blocks."""
    raw = [
        *_introduction(event),
        *_programme(event),
        *_speakers(event),
        *_feedback(event),
    ]
    return InsightPage._meta.get_field("body").stream_block.to_python(raw)


def _heading(text, level="h2"):
    return {
        "type": "heading",
        "value": {"text": Truncator(text).chars(HEADING_LENGTH), "level": level, "anchor": ""},
    }


def _paragraph(html):
    return {"type": "paragraph", "value": str(html)}


def _list(items, tag="ul"):
    return format_html("<{}>{}</{}>", tag, format_html_join("", "<li>{}</li>", items), tag)


def _introduction(event):
    timing = event.timing
    start = date_format(event.start_date, "DATE_FORMAT")
    if timing.end_date and timing.end_date != event.start_date:
        when = _("“%(title)s” took place from %(start)s to %(end)s.") % {
            "title": event.title,
            "start": start,
            "end": date_format(timing.end_date, "DATE_FORMAT"),
        }
    else:
        when = _("“%(title)s” took place on %(date)s.") % {"title": event.title, "date": start}
    if event.occasion:
        when += " " + _("It was part of %(occasion)s.") % {"occasion": event.occasion}
    blocks = [_paragraph(format_html("<p>{}</p>", when))]
    if event.teaser:
        blocks.append(_paragraph(format_html("<p>{}</p>", event.teaser)))
    return blocks


def _session_line(value):
    """E.g. "14:00–15:30: Panel (Room A; Ana Silva, Bo Berg)"."""
    times = time_format(value["start_time"], "TIME_FORMAT")
    if value.get("end_time"):
        times += "–" + time_format(value["end_time"], "TIME_FORMAT")
    details = [value.get("room") or ""]
    details.append(", ".join(person.name for person in value.get("speakers") or []))
    details = "; ".join(detail for detail in details if detail)
    if details:
        return (format_html("{}: {} ({})", times, value["title"], details),)
    return (format_html("{}: {}", times, value["title"]),)


def _programme(event):
    sessions = [block.value for block in event.agenda if block.block_type == "session"]
    if not sessions:
        return []
    days = programme_days(event)
    if days is None:
        html = _list(_session_line(value) for value in sessions)
    else:
        html = format_html_join(
            "",
            "<p><b>{}</b></p>{}",
            (
                (
                    date_format(day.date, "DATE_FORMAT"),
                    _list(_session_line(block.value) for block in day.sessions),
                )
                for day in days
            ),
        )
    return [_heading(_("Programme")), _paragraph(html)]


def _speakers(event):
    people = [speaker.person for speaker in event.speakers.select_related("person")]
    if not people:
        return []
    lines = (
        (", ".join(part for part in (person.name, person.role, person.organisation) if part),)
        for person in people
    )
    return [_heading(_("Speakers")), _paragraph(_list(lines))]


def _feedback(event):
    summary = summarise(event=event)
    blocks = [_heading(_("What participants said"))]
    if not summary.responses:
        return [*blocks, _paragraph(format_html("<p>{}</p>", _("No feedback has come in yet.")))]
    blocks.append({"type": "key_figures", "value": {"heading": "", "figures": _figures(summary)}})
    blocks.append(_paragraph(_who_answered(summary)))
    for question in summary.questions:
        if question.kind == "choice" and question.answers:
            lines = ((f"{option}: {number}",) for option, number in question.counts)
            blocks.append(
                _paragraph(format_html("<p><b>{}</b></p>{}", question.label, _list(lines)))
            )
    if summary.factors:
        lines = (
            (
                ngettext("%(factor)s (named once)", "%(factor)s (named %(number)s times)", number)
                % {"factor": name, "number": number},
            )
            for name, number in summary.factors[:TOP_FACTORS]
        )
        blocks.append(_heading(_("Enabling factors named most often"), level="h3"))
        blocks.append(_paragraph(_list(lines, tag="ol")))
    selected = quotes([event.translation_key], selected_only=True)
    if selected:
        blocks.append(_heading(_("In the participants’ words"), level="h3"))
        blocks.extend(_quote(quote) for quote in selected)
    return blocks


def _quote(quote):
    """A quote block naming only the respondent's stakeholder group and region (what they
    agreed to), or "Participant" when they gave neither."""
    group = "" if quote.group == _("No group given") else quote.group
    region = "" if quote.region == _("No region known") else quote.region
    return {
        "type": "quote",
        "value": {
            "text": quote.text,
            "attribution": Truncator(group or _("Participant")).chars(QUOTE_NAME_LENGTH),
            "role": Truncator(region).chars(QUOTE_ROLE_LENGTH),
        },
    }


def _figures(summary):
    """The number of responses, then each rating question's average."""
    figures = [
        {
            "value": str(summary.responses),
            "label": ngettext("feedback response", "feedback responses", summary.responses),
            "source": "",
        }
    ]
    for question in summary.questions:
        if question.kind != "rating" or question.average is None:
            continue
        figures.append(
            {
                "value": f"{number_format(question.average, 1)} / {RATING_SCALE}",
                "label": Truncator(question.label).chars(FIGURE_LABEL_LENGTH),
                "source": ngettext("%(number)s rating", "%(number)s ratings", question.answers)
                % {"number": question.answers},
            }
        )
    return figures[:MAX_FIGURES]


def _who_answered(summary):
    def counted(pairs):
        return ", ".join(f"{name} ({number})" for name, number in pairs)

    return format_html(
        "<p>{}</p><p>{}</p>",
        _("By stakeholder group: %(groups)s") % {"groups": counted(summary.by_group)},
        _("By region: %(regions)s") % {"regions": counted(summary.by_region)},
    )
