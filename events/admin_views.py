"""Admin views for registrations: add and edit one, manage one, export an event's list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.admin.views import generic
from wagtail.log_actions import log

from .models import EventPage, Registration, RegistrationMessage
from .registration import export
from .registration.admin_forms import DUPLICATE
from .registration.delivery import NoLongerApplies, queue_again
from .registration.display import event_time_zone
from .registration.emails import send
from .registration.history import email_history
from .registration.services import (
    OverCapacity,
    RegistrationError,
    cancel_registration,
    promote,
    queue_message,
)
from .registration.setup import source_version


class AddRegistrationView(generic.CreateView):
    """Staff register someone for an event: through `register_for_event`, like the public
    form (places, waiting list, duplicates, the person's email), then see the result."""

    def form_valid(self, form):
        self.form = form
        try:
            self.object = form.register()
        except RegistrationError as error:
            form.add_refusal(error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        log(instance=self.object, action="wagtail.create", content_changed=True)
        return self.save_action()

    def get_success_message(self, instance):
        return _("%(name)s is registered: %(status)s.") % {
            "name": instance.name,
            "status": instance.get_status_display(),
        }

    def get_success_url(self):
        return reverse("events_manage_registration", args=[self.object.pk])


class EditRegistrationView(generic.EditView):
    """Staff correct a person's details; a second active registration of the same address,
    even one that slipped past the form's check at the same moment, is a form error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            form.add_error("email", DUPLICATE)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# The emails that say where a registration stands; "already registered" only says someone
# tried the address again, so it is never what staff mean by sending the email again.
STATE_KINDS = [
    RegistrationMessage.Kind.CONFIRMATION,
    RegistrationMessage.Kind.WAITING,
    RegistrationMessage.Kind.PROMOTION,
]


def _resend_kind(registration):
    """The kind of email that tells the person the registration's current state."""
    if registration.status == Registration.Status.CANCELLED:
        return RegistrationMessage.Kind.CANCELLATION
    # Waiting for an answer: the email with the link to give it.
    if registration.status == Registration.Status.PENDING:
        return RegistrationMessage.Kind.CONFIRM_ADDRESS
    if registration.status == Registration.Status.OFFERED:
        return RegistrationMessage.Kind.OFFER
    latest = registration.messages.filter(kind__in=STATE_KINDS).last()
    return latest.kind if latest else RegistrationMessage.Kind.CONFIRMATION


def agreed_total_from(request):
    """The number of confirmed people staff agreed to on the over-capacity question, if any."""
    try:
        return int(request.POST.get("agreed_total", ""))
    except ValueError:
        return None


def act_on_registration(request, registration, action, *, agreed_total=None):
    """Cancel, promote or resend for staff, and say what happened in a message.

    Promoting past the event's capacity raises `OverCapacity` unless staff agreed to that
    many confirmed people (`agreed_total`): the caller asks first, and nothing changes until then.
    """
    if action == "cancel":
        promoted = cancel_registration(registration)
        messages.success(request, _("The registration was cancelled."))
        if promoted:
            messages.info(
                request,
                _("The place was offered to %(name)s from the waiting list.")
                % {"name": promoted.name},
            )
    elif action == "promote":
        if promote(registration, agreed_total=agreed_total):
            messages.success(request, _("The registration is now confirmed."))
        else:
            messages.error(
                request,
                _("Only a registration on the waiting list or offered a place can move up."),
            )
    elif action == "resend":
        # One email of theirs ("message": one that may not have arrived), else the one
        # that tells where the registration stands.
        try:
            message = queue_again(registration, request.POST.get("message"))
        except NoLongerApplies as refusal:
            messages.error(
                request, _("The email was not sent again. %(reason)s") % {"reason": refusal}
            )
            return
        message = message or queue_message(registration, _resend_kind(registration))
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


def confirm_over_capacity(request, registration, over, *, action_url, back_url, hidden=None):
    """The page that asks before a promotion puts the event over capacity ("41 of 40")."""
    return TemplateResponse(
        request,
        "events/admin/desk_confirm_promotion.html",
        {
            "registration": registration,
            "confirmed": over.confirmed,
            "capacity": over.capacity,
            "form_action": action_url,
            "back_url": back_url,
            "hidden": hidden or {},
        },
    )


def ask_before_cancelling(request, registration, *, action_url, back_url, hidden=None):
    """The page that asks before a registration is cancelled: the person is emailed, and a
    click on the wrong row must not do that. Nothing changes until it is confirmed."""
    return TemplateResponse(
        request,
        "events/admin/desk_confirm_cancellation.html",
        {
            "registration": registration,
            "form_action": action_url,
            "back_url": back_url,
            "hidden": hidden or {},
        },
    )


def cancellation_unconfirmed(request):
    """Whether the POST asks to cancel without having been through the question yet."""
    return request.POST.get("action") == "cancel" and request.POST.get("confirmed") != "1"


def manage_registration(request, pk):
    """One registration: its details and emails; cancel, promote or resend."""
    _require(request, "events.change_registration")
    registration = get_object_or_404(Registration, pk=pk)
    if request.method == "POST":
        if cancellation_unconfirmed(request):
            url = reverse("events_manage_registration", args=[registration.pk])
            return ask_before_cancelling(request, registration, action_url=url, back_url=url)
        try:
            act_on_registration(
                request,
                registration,
                request.POST.get("action"),
                agreed_total=agreed_total_from(request),
            )
        except OverCapacity as over:
            url = reverse("events_manage_registration", args=[registration.pk])
            return confirm_over_capacity(request, registration, over, action_url=url, back_url=url)
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
            "emails": email_history(registration),
            # One lookup for every email's time, not one per email.
            "time_zone": event_time_zone(registration),
        },
    )


def export_response(event, file_format, registrations=None):
    """The registrations as a CSV or XLSX download named after the event (404 for any other
    format). `registrations` limits them, as the desk's filters do."""
    name = slugify(event.title)[:60] or "registrations"
    if file_format == "xlsx":
        content = export.as_xlsx(event, registrations)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif file_format == "csv":
        content = export.as_csv(event, registrations)
        content_type = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def export_registrations(request, event_id):
    """The event's registrations as CSV or XLSX, answers to its questions as columns."""
    _require(request, "events.export_registration")
    event = source_version(get_object_or_404(EventPage, pk=event_id))
    return export_response(event, request.GET.get("format", "csv"))
