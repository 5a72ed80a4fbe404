"""The learnings dashboard's admin pages (the whole campaign, one event), their exports and
the choice of the written answers to quote; open to whoever may see the event reports.
What they show is built by events.feedback.dashboard."""

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..feedback import dashboard, exports
from ..feedback.models import FeedbackAnswer
from ..feedback.quoting import NoConsent, set_quotable
from .access import VIEW, refusing, require
from .reports import CONTENT_TYPES, event_or_404, file_format_of

__all__ = [
    "campaign_learnings",
    "campaign_learnings_export",
    "event_learnings",
    "event_learnings_export",
    "select_for_quoting",
]


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
    """The whole campaign's feedback, then every event with feedback."""
    require(request.user, VIEW)
    return TemplateResponse(
        request,
        "events/admin/learnings_campaign.html",
        {
            **dashboard.campaign_context(),
            **_export_urls(reverse("events_desk_campaign_learnings_export")),
        },
    )


@refusing
def campaign_learnings_export(request):
    """The campaign's learnings, event by event and in total, with the quotes selected
    (figures and consented quotes only)."""
    require(request.user, VIEW)
    file_format = file_format_of(request)
    events, total, quotes = dashboard.campaign_export()
    day = timezone.localdate().isoformat()
    return _download(
        file_format,
        f"campaign-learnings-{day}",
        events,
        total,
        quotes,
        title=_("Campaign learnings"),
    )


@refusing
def event_learnings(request, event_id):
    """One event's feedback: who answered, each question's answers as a chart, and the
    written answers to read (by question, or those selected for quoting) and select."""
    require(request.user, VIEW)
    event = event_or_404(event_id)
    context = dashboard.event_context(
        event,
        question=request.GET.get("question", ""),
        selected=request.GET.get("selected") == "1",
        page_number=request.GET.get("p"),
    )
    return TemplateResponse(
        request,
        "events/admin/learnings_event.html",
        {
            **context,
            "query": request.GET.urlencode(),
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
    file_format = file_format_of(request)
    event = event_or_404(event_id)
    events, quotes = dashboard.event_export(event)
    return _download(
        file_format, f"learnings-{event.slug}", events, quotes=quotes, title=event.title
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
    event = event_or_404(event_id)
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
        messages.error(request, str(refusal.message))
    else:
        messages.success(
            request, _("Selected for quoting.") if selected else _("Removed from the quotes.")
        )
    return redirect(_back_to_answers(event, request.POST.get("query", ""), pk))
