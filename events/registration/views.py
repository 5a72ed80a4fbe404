"""The visitor's side of registering: the form sent from the event page, status,
cancellation, confirming the address and answering a place offered.

Thin: the rules live in `services` and what the page shows in `context`; these functions
turn requests into calls and results into pages. Each takes the event page the visitor is
on (its routes call them).
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from campaign_site.cache import personal

from ..timing import describe_instant
from .context import privacy_url, registration_context
from .forms import RegistrationForm
from .joining import personal_joining_context
from .models import Registration, RegistrationList
from .notices import notify_event_full
from .offers import accept_offer, decline_offer
from .opt_in import confirm_address as confirm_registration_address
from .ratelimit import allow_attempt
from .services import (
    RegistrationError,
    cancel_registration,
    normalise_email,
    notify_already_registered,
    register_for_event,
)
from .setup import closed_by_source, registration_setup, source_version
from .time_limits import CONFIRM_WITHIN
from .tokens import link_does_not_work, personal_page_context, personal_path, read_token

ERRORS = {
    "full": lambda: _("Sorry, the event is fully booked."),
    "closed": lambda: _("Registration for this event has closed."),
    "not_yet_open": lambda: _("Registration for this event has not opened yet."),
    "no_registration": lambda: _("This event has no registration on this site."),
}


def handle_registration(event, request):
    """A POST of the registration form: register, then redirect to the "check your inbox"
    page.

    Whether the address was new or already registered, the visitor gets the same answer
    (the page, or the fully booked message when a new address would get it too), and the
    address gets an email: a confirmation, a note to its owner that it is already registered,
    or the news that the event is full. So nobody can find out from the form, quietly,
    whether someone is registered.
    """
    if not allow_attempt(request):
        return render(request, "events/too_many_attempts.html", {"page": event}, status=429)
    setup = registration_setup(event)
    if setup is None or setup.kind != "on_site":
        return HttpResponseRedirect(event.url)
    form = RegistrationForm(
        request.POST, questions=setup.questions, privacy_url=privacy_url(request)
    )
    if form.is_spam():
        # Bots get the same calm answer as people, and nothing is stored.
        return _received(event)
    if closed_by_source(event, request):
        form.add_error(None, ERRORS["closed"]())
    elif form.is_valid():
        language = translation.get_language()
        data = form.registration_data()
        try:
            register_for_event(event, language=language, **data)
        except RegistrationError as error:
            code = error.code
            if code == "duplicate":
                if error.registration is not None:
                    notify_already_registered(error.registration)
                if not error.full:
                    return _received(event)
                code = "full"
            elif code == "full":
                notify_event_full(event, normalise_email(data["email"]), language)
            form.add_error(None, ERRORS[code]())
        else:
            return _received(event)
    return event.render(
        request,
        context_overrides={**registration_context(event, request, form), "form_submitted": True},
    )


def _received(event):
    return HttpResponseRedirect(event.url + event.reverse_subpage("registration_received"))


def registration_received(event, request):
    """After the form was sent: the same page for everyone, whatever became of the address
    (its email says that)."""
    registration_list = RegistrationList.objects.filter(event_key=event.translation_key).first()
    confirm_first = registration_list.double_opt_in if registration_list else True
    return render(
        request,
        "events/registration_received.html",
        {
            "page": event,
            "confirm_first": confirm_first,
            "confirm_hours": int(CONFIRM_WITHIN.total_seconds() // 3600),
        },
    )


def registration_status(event, request, token):
    """The confirmation page after registering (and from the email): safe to reload."""
    registration = read_token(token, "view")
    if registration is None or registration.event_key != event.translation_key:
        return link_does_not_work(request, event)
    cancel_url = personal_path(event, registration, "cancel")
    context = {
        **personal_page_context(event, "view", token),
        "registration": registration,
        "cancel_url": cancel_url,
        "deadline": _deadline(event, registration),
        "offer_url": personal_path(event, registration, "offer"),
    }
    context.update(personal_joining_context(event, registration))
    return personal(render(request, "events/registration_status.html", context))


def _deadline(event, registration):
    """Until when a pending or offered registration holds what it holds, for people."""
    if registration.expires_at is None or registration.status not in (
        Registration.Status.PENDING,
        Registration.Status.OFFERED,
    ):
        return ""
    return describe_instant(registration.expires_at, source_version(event).time_zone)


def _personal_registration(event, token, purpose):
    registration = read_token(token, purpose)
    if registration is None or registration.event_key != event.translation_key:
        return None
    return registration


def _status_page(event, registration):
    return HttpResponseRedirect(personal_path(event, registration, "view"))


def confirm_address(event, request, token):
    """The link in the address confirmation email: GET shows one button (mail scanners open
    links; only a person presses it), POST confirms and leads to the status page."""
    registration = _personal_registration(event, token, "confirm")
    if registration is None:
        return link_does_not_work(request, event)
    outcome = None
    if request.method == "POST":
        outcome = confirm_registration_address(registration)
        if outcome in ("confirmed", "waiting", "already"):
            return _status_page(event, registration)
        registration.refresh_from_db()
    elif registration.address_confirmed_at is not None:
        return _status_page(event, registration)
    context = {
        **personal_page_context(event, "confirm", token),
        "registration": registration,
        "deadline": _deadline(event, registration),
        "outcome": outcome,
    }
    return personal(render(request, "events/registration_confirm_address.html", context))


def offer(event, request, token):
    """The link in the email offering a place: GET shows the offer with a button to accept
    and one to decline; POST answers it. Accepting leads to the status page."""
    registration = _personal_registration(event, token, "offer")
    if registration is None:
        return link_does_not_work(request, event)
    outcome = None
    if request.method == "POST":
        if request.POST.get("answer") == "decline":
            outcome = decline_offer(registration)
        else:
            outcome = accept_offer(registration)
            if outcome in ("accepted", Registration.Status.CONFIRMED):
                return _status_page(event, registration)
        registration.refresh_from_db()
    context = {
        **personal_page_context(event, "offer", token),
        "registration": registration,
        "deadline": _deadline(event, registration),
        "outcome": outcome,
    }
    return personal(render(request, "events/registration_offer.html", context))


def cancel(event, request, token):
    """GET asks to confirm (link checkers must not cancel anything); POST cancels."""
    registration = read_token(token, "cancel")
    if registration is None or registration.event_key != event.translation_key:
        return link_does_not_work(request, event)
    cancelled = registration.status == Registration.Status.CANCELLED
    if request.method == "POST" and not cancelled:
        cancel_registration(registration)
        cancelled = True
        registration.refresh_from_db()
    context = {
        **personal_page_context(event, "cancel", token),
        "registration": registration,
        "cancelled": cancelled,
    }
    return personal(render(request, "events/registration_cancel.html", context))
