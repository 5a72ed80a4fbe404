"""The report pages in the admin (one event, the whole campaign) and their exports; open
to whoever may see registrations, like the event desk: they show counts, never a person."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import EventPage
from ..registration.display import stakeholder_group_names
from ..registration.setup import source_version
from ..reports import campaign_figures, event_figures, exports, mix_chart
from .access import VIEW, refusing, require

__all__ = ["campaign_report", "campaign_report_export", "event_report", "event_report_export"]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def event_or_404(event_id):
    """The source version of the event page `event_id` (any language version of it)."""
    return source_version(get_object_or_404(EventPage, pk=event_id))


def file_format_of(request):
    """The export format asked for ("csv", the default, or "xlsx"); 404 for another."""
    file_format = request.GET.get("format", "csv")
    if file_format not in CONTENT_TYPES:
        raise Http404
    return file_format


def _download(file_format, name, events, total=None, title=""):
    if file_format == "csv":
        content = exports.as_csv(events, total)
    else:
        content = exports.as_xlsx(events, total, title=title)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@refusing
def event_report(request, event_id):
    """One event's registrations, attendance, no-show rate and stakeholder mix."""
    require(request.user, VIEW)
    event = event_or_404(event_id)
    figures = event_figures(event)
    names = stakeholder_group_names()
    export_url = reverse("events_desk_report_export", args=[event.pk])
    return TemplateResponse(
        request,
        "events/admin/report_event.html",
        {
            "event": event,
            "figures": figures,
            "chart": mix_chart(
                figures,
                chart_id=f"mix-{event.pk}",
                title=_("Stakeholder mix: %(event)s") % {"event": event.title},
                names=names,
            ),
            "desk_url": reverse("events_desk", args=[event.pk]),
            "campaign_url": reverse("events_desk_campaign_report"),
            "csv_url": f"{export_url}?format=csv",
            "xlsx_url": f"{export_url}?format=xlsx",
        },
    )


@refusing
def event_report_export(request, event_id):
    """One event's figures as CSV or XLSX (counts only)."""
    require(request.user, VIEW)
    file_format = file_format_of(request)
    event = event_or_404(event_id)
    return _download(
        file_format,
        f"report-{event.slug}",
        [(event, event_figures(event))],
        title=event.title,
    )


@refusing
def campaign_report(request):
    """Every event with registrations: the campaign's totals and mix, then each event."""
    require(request.user, VIEW)
    total, events = campaign_figures()
    names = stakeholder_group_names()
    export_url = reverse("events_desk_campaign_report_export")
    return TemplateResponse(
        request,
        "events/admin/report_campaign.html",
        {
            "figures": total,
            "chart": mix_chart(
                total,
                chart_id="mix-campaign",
                title=_("Stakeholder mix of the whole campaign"),
                names=names,
            ),
            "events": [
                {
                    "page": event,
                    "figures": figures,
                    "url": reverse("events_desk_report", args=[event.pk]),
                }
                for event, figures in events
            ],
            "csv_url": f"{export_url}?format=csv",
            "xlsx_url": f"{export_url}?format=xlsx",
        },
    )


@refusing
def campaign_report_export(request):
    """The campaign's figures, event by event and in total, as CSV or XLSX (counts only)."""
    require(request.user, VIEW)
    file_format = file_format_of(request)
    total, events = campaign_figures()
    day = timezone.localdate().isoformat()
    return _download(
        file_format, f"campaign-report-{day}", events, total, title=_("Campaign report")
    )
