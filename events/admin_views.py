"""Admin views for registrations: manage one registration, export an event's list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import EventPage, Registration
from .registration import export
from .registration.emails import send
from .registration.services import cancel_registration, promote, queue_message
from .registration.setup import source_version


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def manage_registration(request, pk):
    """One registration: its details and emails; cancel, promote or resend."""
    _require(request, "events.change_registration")
    registration = get_object_or_404(Registration, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            promoted = cancel_registration(registration)
            messages.success(request, _("The registration was cancelled."))
            if promoted:
                messages.info(
                    request, _("%(name)s moved up from the waiting list.") % {"name": promoted.name}
                )
        elif action == "promote":
            if promote(registration):
                messages.success(request, _("The registration is now confirmed."))
            else:
                messages.error(request, _("Only a registration on the waiting list can move up."))
        elif action == "resend":
            latest = registration.messages.exclude(kind="cancellation").last()
            kind = latest.kind if latest else "confirmation"
            message = queue_message(registration, kind)
            sent = send(message)
            message.refresh_from_db()
            if sent:
                messages.success(request, _("The email was sent again."))
            elif sent is None:  # the background worker is sending it right now
                messages.success(request, _("The email is being sent."))
            else:
                messages.error(
                    request,
                    _("The email could not be sent: %(error)s") % {"error": message.last_error},
                )
        return redirect("events_manage_registration", pk=registration.pk)
    registration.refresh_from_db()
    event = (
        registration.page
        or EventPage.objects.filter(translation_key=registration.event_key).first()
    )
    return TemplateResponse(
        request,
        "events/admin/manage_registration.html",
        {
            "registration": registration,
            "event": event,
            "emails": registration.messages.all(),
        },
    )


def export_registrations(request, event_id):
    """The event's registrations as CSV or XLSX, answers to its questions as columns."""
    _require(request, "events.export_registration")
    event = source_version(get_object_or_404(EventPage, pk=event_id))
    file_format = request.GET.get("format", "csv")
    name = slugify(event.title)[:60] or "registrations"
    if file_format == "xlsx":
        response = HttpResponse(
            export.as_xlsx(event),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if file_format != "csv":
        raise Http404
    response = HttpResponse(export.as_csv(event), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
