"""Checking people in at the door, from a phone: the event's check-in page (search by name,
a camera scanner where the browser has one, the count of who came), one person's page (the
QR code's address leads there), no-shows, and the attendance import of online events.

Light pages of their own (no admin scripts or style sheets), usable on a slow connection and
without JavaScript; every change is a POST. Only staff who may change registrations use
them. The rules are in `events.registration.attendance`.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ..models import EventPage, Registration
from ..registration import attendance
from ..registration.display import stakeholder_group_names
from ..registration.qr import registration_from_code
from ..registration.setup import source_version
from ..timing import local_instant
from .access import CHANGE, VIEW, refusing, require

# Search results shown at most (a name typed at the door narrows it down quickly).
SEARCH_LIMIT = 25
# Registrations that are not found at the door (no place, and never had one to give up).
NOT_SEARCHED = [Registration.Status.CANCELLED, Registration.Status.EXPIRED]


def register_log_actions(actions):
    """The admin history's wording of attendance changes (`register_log_actions` hook)."""
    for action, (label, message) in attendance.LOG_ACTIONS.items():
        actions.register_action(action, label, message)


def _may_check_in(user):
    require(user, VIEW)
    require(user, CHANGE)


def _event_or_404(event_id):
    return source_version(get_object_or_404(EventPage, pk=event_id))


def _checkin_url(event):
    return reverse("events_desk_checkin", args=[event.pk])


def _person_url(event, registration):
    return reverse("events_desk_checkin_person", args=[event.pk, registration.pk])


def _with_camera(response):
    # The site refuses the camera to every page (Permissions-Policy); the scanner needs it.
    policy = settings.PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")
    response["Permissions-Policy"] = policy
    return response


def _time(instant, event):
    """ "10:02" today in the event's zone, else with the date."""
    local = local_instant(instant, event.time_zone)
    time = date_format(local, "TIME_FORMAT")
    if local.date() == local_instant(timezone.now(), event.time_zone).date():
        return time
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {time}"


def attendance_text(registration, event):
    """Where the person's attendance stands, in words for the door ("" if not recorded)."""
    if registration.attendance == Registration.Attendance.ATTENDED:
        how = str(attendance.SOURCES.get(registration.attendance_source, ""))
        if registration.checked_in_at is None:
            return _("Already marked as attended (%(how)s).") % {"how": how}
        who = attendance.checked_in_by(registration)
        values = {"time": _time(registration.checked_in_at, event), "who": who, "how": how}
        if who:
            return _("Already checked in at %(time)s by %(who)s (%(how)s).") % values
        return _("Already checked in at %(time)s (%(how)s).") % values
    if registration.attendance == Registration.Attendance.NO_SHOW:
        return _("Marked as not attended.")
    return ""


def _search(event, query):
    if len(query) < 2:
        return []
    found = Registration.objects.filter(event_key=event.translation_key).exclude(
        status__in=NOT_SEARCHED
    )
    for word in query.split():
        found = found.filter(
            Q(name__icontains=word) | Q(organisation__icontains=word) | Q(email__icontains=word)
        )
    return list(found.order_by("name", "pk")[:SEARCH_LIMIT])


@refusing
def checkin(request, event_id):
    """The event's check-in page: the count, a search by name (and a scanned code, `code`)."""
    _may_check_in(request.user)
    event = _event_or_404(event_id)
    code = request.GET.get("code", "").strip()
    if code:
        registration = registration_from_code(code)
        if registration is None:
            messages.error(request, _("This check-in code is not valid."))
        elif registration.event_key != event.translation_key:
            messages.error(request, _("This check-in code is for another event."))
        else:
            return redirect(_person_url(event, registration))
        return redirect(_checkin_url(event))
    query = request.GET.get("q", "").strip()[:100]
    results = _search(event, query)
    groups = stakeholder_group_names()
    for registration in results:
        registration.group_name = groups.get(
            registration.stakeholder_group, registration.stakeholder_group
        )
    context = {
        "event": event,
        "query": query,
        "results": results,
        "searched": len(query) >= 2,
        "counts": attendance.attendance_counts(event.translation_key),
        "desk_url": reverse("events_desk", args=[event.pk]),
        "may_close": attendance.may_close_attendance(event),
    }
    return _with_camera(render(request, "events/admin/desk_checkin.html", context))


@refusing
def checkin_code(request, token):
    """Where a person's QR code leads: their page at their event's check-in."""
    _may_check_in(request.user)
    registration = registration_from_code(token)
    event = None
    if registration is not None:
        event = (
            EventPage.objects.filter(translation_key=registration.event_key).order_by("pk").first()
        )
    if event is None:
        # 400, not 404: the language middleware would answer an admin 404 with a redirect.
        return render(request, "events/admin/desk_checkin_invalid.html", status=400)
    event = source_version(event)
    return redirect(_person_url(event, registration))


ACTIONS = ("check_in", "no_show", "undo")


@refusing
@require_http_methods(["GET", "POST"])
def checkin_person(request, event_id, pk):
    """One person at the door: who they are and where they stand; POST checks them in (or
    marks them as no-show, or undoes either)."""
    _may_check_in(request.user)
    event = _event_or_404(event_id)
    registration = get_object_or_404(Registration, pk=pk, event_key=event.translation_key)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise Http404
        return _act(request, event, registration, action)
    context = {
        "event": event,
        "registration": registration,
        "group_name": stakeholder_group_names().get(
            registration.stakeholder_group, registration.stakeholder_group
        ),
        "attendance_text": attendance_text(registration, event),
        "counts": attendance.attendance_counts(event.translation_key),
        "checkin_url": _checkin_url(event),
    }
    return render(request, "events/admin/desk_checkin_person.html", context)


def _act(request, event, registration, action):
    user, name = request.user, registration.name
    if action == "check_in":
        outcome = attendance.check_in(registration, user=user)
        if outcome == "checked_in":
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
            return redirect(_checkin_url(event))
        if outcome == "already":
            messages.warning(request, f"{name}: {attendance_text(registration, event)}")
            return redirect(_person_url(event, registration))
    elif action == "no_show":
        outcome = attendance.mark_no_show(registration, user=user)
        if outcome in ("marked", "already"):
            messages.success(request, _("%(name)s is marked as not attended.") % {"name": name})
            return redirect(_checkin_url(event))
        if outcome == "attended":
            messages.warning(request, f"{name}: {attendance_text(registration, event)}")
            return redirect(_person_url(event, registration))
    else:
        attendance.undo_attendance(registration, user=user)
        messages.success(
            request, _("The attendance of %(name)s is no longer recorded.") % {"name": name}
        )
        return redirect(_person_url(event, registration))
    messages.error(
        request,
        _("%(name)s has no confirmed place (%(status)s): nothing was recorded.")
        % {"name": name, "status": registration.get_status_display()},
    )
    return redirect(_person_url(event, registration))


@refusing
@require_http_methods(["GET", "POST"])
def mark_no_shows(request, event_id):
    """After the start: everyone not checked in is marked as no-show, asked first."""
    _may_check_in(request.user)
    event = _event_or_404(event_id)
    if not attendance.may_close_attendance(event):
        messages.error(request, _("No-shows can only be marked once the event has begun."))
        return redirect(_checkin_url(event))
    if request.method == "POST":
        marked = attendance.mark_remaining_no_shows(event, user=request.user)
        messages.success(
            request,
            ngettext(
                "%(number)s person not checked in is marked as not attended.",
                "%(number)s people not checked in are marked as not attended.",
                marked,
            )
            % {"number": marked},
        )
        return redirect(_checkin_url(event))
    context = {
        "event": event,
        "remaining": attendance.not_checked_in(event.translation_key).count(),
        "checkin_url": _checkin_url(event),
    }
    return render(request, "events/admin/desk_checkin_no_shows.html", context)


@refusing
@require_http_methods(["GET", "POST"])
def import_attendance(request, event_id):
    """Upload an online event's participant list (CSV): who took part is marked as attended;
    the page then reports what was matched and what was not."""
    _may_check_in(request.user)
    event = _event_or_404(event_id)
    context = {"event": event, "desk_url": reverse("events_desk", args=[event.pk])}
    if request.method == "POST":
        upload = request.FILES.get("participants")
        if upload is None:
            context["error"] = _("Choose the participant list (a CSV file) to upload.")
        elif upload.size > attendance.MAX_FILE_SIZE:
            context["error"] = _("The file is too large (at most 5 MB).")
        else:
            try:
                context["report"] = attendance.import_attendance(
                    event.translation_key, upload.read()
                )
            except attendance.AttendanceFileError as error:
                context["error"] = _("Nothing was saved.") + " " + str(error.message)
    return render(
        request,
        "events/admin/desk_checkin_import.html",
        context,
        status=400 if "error" in context else 200,
    )
