"""The access and interpretation planner of one event at its desk: the sums of needs and
languages (events.registration.planner), and when the organisers get them by email."""

import datetime
import zoneinfo

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.widgets import AdminDateTimeInput

from ..models import EventPage
from ..registration.planner import anonymised, registration_list, set_deadline, summarise
from ..registration.setup import source_version
from ..timing import describe_instant, local_instant, zone_label
from .access import CHANGE, VIEW, refusing, require


class DeadlineForm(forms.Form):
    """When the summary goes out, as a local time at the event (in its time zone); empty:
    not at all."""

    deadline = forms.DateTimeField(
        label=gettext_lazy("Send the summary to the organisers on"),
        required=False,
        widget=AdminDateTimeInput,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["deadline"].help_text = _(
            "Local time at the event (%(zone)s). Before the event starts; empty: no email."
        ) % {"zone": zone_label(event.time_zone, event.starts_at)}

    def clean_deadline(self):
        value = self.cleaned_data["deadline"]
        if value is None:
            return None
        # Read as the event's local time, whatever zone the admin works in.
        local = datetime.datetime.combine(
            value.date(), value.time(), tzinfo=zoneinfo.ZoneInfo(self.event.time_zone)
        )
        if local >= self.event.starts_at:
            raise ValidationError(
                _("The summary must be sent before the event starts (%(start)s).")
                % {"start": describe_instant(self.event.starts_at, self.event.time_zone)},
                code="after_start",
            )
        return local


@refusing
def needs_planner(request, event_id):
    """The sums of needs and languages; organisers who may change registrations set the
    deadline of the summary email here."""
    require(request.user, VIEW)
    event = source_version(get_object_or_404(EventPage, pk=event_id))
    row = registration_list(event.translation_key)
    may_change = request.user.has_perm(CHANGE)
    initial = {}
    if row.needs_deadline:
        initial["deadline"] = local_instant(row.needs_deadline, event.time_zone).replace(
            tzinfo=None
        )
    form = DeadlineForm(initial=initial, event=event) if may_change else None
    if request.method == "POST":
        require(request.user, CHANGE)
        form = DeadlineForm(request.POST, event=event)
        if form.is_valid():
            try:
                set_deadline(event, form.cleaned_data["deadline"])
            except ValidationError as error:
                form.add_error("deadline", error)
            else:
                messages.success(request, _("The date of the summary has been saved."))
                return redirect(reverse("events_desk_planner", args=[event.pk]))
    return TemplateResponse(
        request,
        "events/admin/desk_planner.html",
        {
            "event": event,
            "summary": summarise(event.translation_key),
            "anonymised": anonymised(event.translation_key),
            "form": form,
            "deadline": (
                describe_instant(row.needs_deadline, event.time_zone) if row.needs_deadline else ""
            ),
            "sent_at": (
                describe_instant(row.needs_sent_at, event.time_zone) if row.needs_sent_at else ""
            ),
            "desk_url": reverse("events_desk", args=[event.pk]),
            "needs_list_url": reverse("events_desk", args=[event.pk]) + "?has_needs=true",
        },
    )
