"""The visitor's side of registering: the form on the event page, status and cancellation.

Thin: the rules live in `services`; these functions turn requests into calls and results
into pages. Each takes the event page the visitor is on.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from campaign_site.cache import cached, personal
from home.models import SiteSettings

from ..models import Registration
from .forms import RegistrationForm
from .ratelimit import allow_attempt
from .services import (
    RegistrationError,
    cancel_registration,
    counts,
    register_for_event,
)
from .setup import registration_setup
from .tokens import make_token, read_token

ERRORS = {
    "duplicate": lambda: _(
        "This email address is already registered for this event. Check your inbox for the "
        "confirmation; it has a link to your registration."
    ),
    "full": lambda: _("Sorry, the event is fully booked."),
    "closed": lambda: _("Registration for this event has closed."),
    "not_yet_open": lambda: _("Registration for this event has not opened yet."),
    "no_registration": lambda: _("This event has no registration on this site."),
}


def _privacy_url(request):
    def find():
        page = SiteSettings.for_request(request).privacy_policy_page
        return page.localized.url if page else None

    key = f"privacy-url:{request.get_host()}:{translation.get_language()}"
    return cached(key, find, request=request)


def registration_context(event, request, form=None):
    """What the event page needs to show its registration block."""
    setup = registration_setup(event)
    if setup is None:
        return {"registration_setup": None}
    context = {"registration_setup": setup, "registration_state": setup.state()}
    if setup.kind == "on_site":
        numbers = counts(event.translation_key)
        context["places_left"] = max(setup.capacity - numbers["confirmed"], 0)
        context["is_full"] = context["places_left"] == 0
        context["registration_fields_html"] = None  # a sent form shows its input and errors
        if form is None and context["registration_state"] == "open":
            form = RegistrationForm(questions=setup.questions, privacy_url=_privacy_url(request))
            # An empty form looks the same to every visitor in a language until the event
            # or the settings change: its fields are rendered once (the CSRF token is not
            # part of them).
            context["registration_fields_html"] = cached(
                f"registration-fields:{event.pk}:{translation.get_language()}",
                lambda: render_to_string(
                    "events/includes/registration_fields.html", {"form": form}
                ),
                request=request,
            )
        context["registration_form"] = form
    return context


# Preview modes of the event page: how the registration block looks in each state, whatever
# the state is today (Wagtail's preview panel offers them in its "mode" menu).
PREVIEW_STATES = ("open", "full", "closed")


def registration_preview_context(event, request, state):
    """The registration block's context as if registration were `state` (previews only)."""
    context = registration_context(event, request)
    setup = context["registration_setup"]
    if setup is None:
        return context
    if state == "closed":
        context.update(registration_state="closed", registration_form=None)
        return context
    context["registration_state"] = "open"
    if setup.kind == "on_site":
        context["places_left"] = 0 if state == "full" else max(context["places_left"], 1)
        context["is_full"] = state == "full"
        context["registration_form"] = RegistrationForm(
            questions=setup.questions, privacy_url=_privacy_url(request)
        )
    return context


def handle_registration(event, request):
    """A POST of the registration form: register, then redirect to the status page."""
    if not allow_attempt(request):
        return render(request, "events/too_many_attempts.html", {"page": event}, status=429)
    setup = registration_setup(event)
    if setup is None or setup.kind != "on_site":
        return HttpResponseRedirect(event.url)
    form = RegistrationForm(
        request.POST, questions=setup.questions, privacy_url=_privacy_url(request)
    )
    if form.is_spam():
        # Bots get the same calm answer as people, and nothing is stored.
        return render(request, "events/registration_received.html", {"page": event})
    if form.is_valid():
        try:
            registration = register_for_event(
                event, language=translation.get_language(), **form.registration_data()
            )
        except RegistrationError as error:
            field = "email" if error.code == "duplicate" else None
            form.add_error(field, ERRORS[error.code]())
        else:
            token = make_token(registration, "view")
            return HttpResponseRedirect(f"{event.url}registration/{token}/")
    return event.render(
        request,
        context_overrides={**registration_context(event, request, form), "form_submitted": True},
    )


def registration_status(event, request, token):
    """The confirmation page after registering (and from the email): safe to reload."""
    registration = read_token(token, "view")
    if registration is None or registration.event_key != event.translation_key:
        return render(request, "events/registration_link_invalid.html", {"page": event}, status=404)
    return personal(
        render(
            request,
            "events/registration_status.html",
            {
                "page": event,
                "registration": registration,
                "cancel_url": f"{event.url}cancel/{make_token(registration, 'cancel')}/",
            },
        )
    )


def cancel(event, request, token):
    """GET asks to confirm (link checkers must not cancel anything); POST cancels."""
    registration = read_token(token, "cancel")
    if registration is None or registration.event_key != event.translation_key:
        return render(request, "events/registration_link_invalid.html", {"page": event}, status=404)
    cancelled = registration.status == Registration.Status.CANCELLED
    if request.method == "POST" and not cancelled:
        cancel_registration(registration)
        cancelled = True
        registration.refresh_from_db()
    return personal(
        render(
            request,
            "events/registration_cancel.html",
            {"page": event, "registration": registration, "cancelled": cancelled},
        )
    )
