"""The campaign's evidence for the study: how many events, participants and stakeholder
groups it drew on, how much feedback came back and which enabling factors were named most
often, counted live from registrations and feedback, so the figures stay true as events
are added.

An event counts once, whatever its language versions, when it is published, took place as
announced, is over and had participants. Its participants are the people who came where
attendance was recorded for it, else those confirmed. Registrations count as in the
reports (`figures`): anonymised ones like any other, deleted ones by the counts kept for
them. No figure names or describes a person.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaign_site.cache import cached
from campaign_site.cache.versions import dependency_version
from home.highlights import HighlightProvider

from ..feedback.models import FeedbackAnswer, FeedbackResponse
from ..feedback.summary import factor_ranking
from ..models import EventPage, EventStatus
from ..models.index import next_event_change
from ..registration.setup import EVIDENCE_VERSION_KEY
from .figures import figures_for

__all__ = [
    "EVIDENCE_HIGHLIGHT",
    "TOP_FACTORS",
    "Evidence",
    "campaign_evidence",
    "current_evidence",
    "evidence_changes_at",
]

TOP_FACTORS = 5


@dataclass
class Evidence:
    """The campaign's figures; `factors` is [(enabling factor's name, times named)], most
    named first, in the active language."""

    events: int = 0
    participants: int = 0
    stakeholder_groups: int = 0
    responses: int = 0
    factors: list = field(default_factory=list)


def participation(figures):
    """(participants, slugs of the stakeholder groups among them) of one event's figures:
    those who came when attendance was recorded, else those confirmed."""
    recorded = figures.recorded > 0

    def took_part(counts):
        return counts.attended if recorded else counts.confirmed

    groups = {slug for slug, counts in figures.groups.items() if slug and took_part(counts)}
    return took_part(figures), groups


def _past_event_keys(now):
    """The translation keys of the events held by `now`, as a subquery."""
    events = EventPage.objects.live().filter(ends_at__lte=now, event_status=EventStatus.SCHEDULED)
    return events.values("translation_key").order_by()


def current_evidence():
    """The campaign's `Evidence` now, in the active language, for pages: kept until content,
    a registration, attendance or feedback changes, or an event starts or ends."""
    moment = next_event_change()
    until = int(moment.timestamp()) if moment else "-"
    version = dependency_version(EVIDENCE_VERSION_KEY)
    return cached(f"campaign-evidence:{get_language()}:{version}:{until}", campaign_evidence)


def campaign_evidence(now=None):
    """The campaign's `Evidence` as of `now` (by default the present), in a few queries."""
    now = now or timezone.now()
    evidence = Evidence()
    groups, counted = set(), []
    for key, figures in figures_for(_past_event_keys(now)).items():
        participants, represented = participation(figures)
        if participants:
            counted.append(key)
            evidence.participants += participants
            groups |= represented
    evidence.events = len(counted)
    evidence.stakeholder_groups = len(groups)
    if counted:
        evidence.responses = FeedbackResponse.objects.filter(event_key__in=counted).count()
        evidence.factors = factor_ranking(
            FeedbackAnswer.objects.filter(response__event_key__in=counted), limit=TOP_FACTORS
        )
    return evidence


def evidence_changes_at(now=None):
    """The next moment the figures may change by themselves: a published event starts or
    ends (None when no event is ahead). Remembered until content changes."""
    return next_event_change()


def _evidence_items(locale, limit):
    # One item: what the evidence block shows (templates/blocks/evidence_block.html).
    return [{"heading": "", "intro": "", "evidence": current_evidence()}]


# The overview shows the figures under its highlights while its "show the campaign's
# evidence" is ticked; they follow every registration, attendance and feedback change.
EVIDENCE_HIGHLIGHT = HighlightProvider(
    key="evidence",
    heading=_("Evidence from the campaign"),
    template="events/includes/evidence_highlight.html",
    items=_evidence_items,
    order=30,
    changes_at=evidence_changes_at,
    depends_on=(EVIDENCE_VERSION_KEY,),
    shown_when="show_evidence",
)
