"""The feedback form a participant reaches from the follow-up email (one personal link)."""

from django.shortcuts import render
from django.utils import timezone

from campaign_site.cache import personal

from ..registration.models import Registration
from ..registration.setup import source_version
from ..registration.tokens import link_does_not_work, personal_page_context, read_token
from .forms import FeedbackForm, has_answered, questions_of, record


def may_answer(registration):
    """Whether the person took part: confirmed, and not marked as having stayed away."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.attendance != Registration.Attendance.NO_SHOW
    )


def feedback(event, request, token):
    """GET shows the form (or why it cannot be answered); POST records the answers."""
    registration = read_token(token, "feedback")
    if registration is None or registration.event_key != event.translation_key:
        return link_does_not_work(request, event)
    source = source_version(event)
    questions = questions_of(event)
    state = "open"
    if not may_answer(registration) or not questions:
        state = "closed"
    elif source.ends_at and source.ends_at > timezone.now():
        state = "not_yet"
    elif has_answered(registration):
        state = "answered"
    form = None
    if state == "open":
        data = request.POST if request.method == "POST" else None
        form = FeedbackForm(data, questions=questions)
        if data is not None and form.is_valid():
            state = "thanks" if record(event, registration, form) else "answered"
    context = {
        **personal_page_context(event, "feedback", token),
        "registration": registration,
        "form": form,
        "state": state,
    }
    status = 400 if form is not None and form.is_bound and state == "open" else 200
    return personal(render(request, "events/feedback_form.html", context, status=status))
