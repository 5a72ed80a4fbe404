"""Admin view: draft a learning from a past event (the rules are in `insights.learnings`)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import EventPage
from home.localization import in_language

from .learnings import (
    AlreadyDrafted,
    LearningRefused,
    draft_learning,
    drafted_learning,
    insight_index,
    learnings_of,
    may_draft_learnings,
    refusal,
)


def draft_learning_view(request, event_id):
    """GET: the event and a button to draft a learning from it; POST: draft it and open it
    in the editor. Refused, with the reason, for an event that is not over and for someone
    who may not add insights. Where a learning was drafted from the event before, both
    open that one in the editor instead."""
    event = get_object_or_404(EventPage, pk=event_id)
    allowed = may_draft_learnings(request.user)
    reason = refusal(event, request.user)
    earlier = drafted_learning(event) if reason is None else None
    if request.method == "POST" and reason is None and earlier is None:
        try:
            learning = draft_learning(event, request.user)
        except AlreadyDrafted as drafted:
            earlier = drafted.learning
        except LearningRefused as refused:
            reason = str(refused)
        else:
            messages.success(
                request,
                _(
                    "The learning “%(title)s” was drafted from the event. Complete it, then "
                    "submit it for review."
                )
                % {"title": learning.title},
            )
            return redirect("wagtailadmin_pages:edit", learning.pk)
    if earlier is not None:
        messages.info(request, _("A learning drafted from this event already exists; here it is."))
        return redirect("wagtailadmin_pages:edit", earlier.pk)
    index = insight_index()
    return TemplateResponse(
        request,
        "insights/admin/draft_learning.html",
        {
            "event": event,
            "refusal": reason,
            # Who may not add insights learns only why: not what others have drafted.
            "learnings": list(learnings_of(event)) if allowed else [],
            # "in German", in the admin's language.
            "language": in_language(index.locale.language_code) if index else "",
            "event_url": reverse("wagtailadmin_pages:edit", args=[event.pk]),
            "form_action": reverse("insights_draft_learning", args=[event.pk]),
        },
        status=200 if allowed else 403,
    )
