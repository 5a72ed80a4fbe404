"""What the event page shows of its registration: template context, no request handling.

The event page's `get_context` and the views after a sent form both build on
`registration_context`; previews use `registration_preview_context`.
"""

from django.template.loader import render_to_string
from django.utils import translation

from campaign_site.cache import cached
from home.localization import localized
from home.models import SiteSettings

from .forms import RegistrationForm
from .services import counts, places_shown
from .setup import closed_by_source, registration_setup


def privacy_url(request):
    """The privacy policy page in the visitor's language, for the consent checkbox."""

    def find():
        page = SiteSettings.for_request(request).privacy_policy_page
        return localized(page).get_url(request) if page else None

    key = f"privacy-url:{request.get_host()}:{translation.get_language()}"
    return cached(key, find, request=request)


def _empty_form_fields_html(event, request, form):
    # An empty form looks the same to every visitor in a language until the event or the
    # settings change: its fields are rendered once (the CSRF token is not part of them).
    return cached(
        f"registration-fields:{event.pk}:{translation.get_language()}",
        lambda: render_to_string("events/includes/registration_fields.html", {"form": form}),
        request=request,
    )


def registration_context(event, request, form=None):
    """What the event page needs to show its registration block."""
    setup = registration_setup(event)
    if setup is None:
        return {"registration_setup": None}
    state = setup.state()
    if state == "open" and closed_by_source(event, request):
        state = "closed"
    context = {"registration_setup": setup, "registration_state": state}
    if setup.kind == "on_site":
        numbers = counts(event.translation_key)
        context["places_left"] = places_shown(setup.capacity, numbers["held"])
        context["is_full"] = context["places_left"] == 0
        context["registration_fields_html"] = None  # a sent form shows its input and errors
        if form is None and context["registration_state"] == "open":
            form = RegistrationForm(questions=setup.questions, privacy_url=privacy_url(request))
            context["registration_fields_html"] = _empty_form_fields_html(event, request, form)
        context["registration_form"] = form
    return context


def registration_preview_context(event, request, state):
    """The registration block's context as if registration were `state` ("open", "full" or
    "closed"), whatever it is today: the event page's preview modes show each."""
    context = registration_context(event, request)
    setup = context["registration_setup"]
    if setup is None:
        return context
    if state == "closed":
        context.update(registration_state="closed", registration_form=None)
        return context
    context["registration_state"] = "open"
    if setup.kind == "on_site":
        left = context["places_left"]
        context["places_left"] = 0 if state == "full" else (None if left is None else max(left, 1))
        context["is_full"] = state == "full"
        context["registration_form"] = RegistrationForm(
            questions=setup.questions, privacy_url=privacy_url(request)
        )
    return context
