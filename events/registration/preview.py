"""The admin's preview of staff's wording of a standard email: the email as a registrant
reads it (HTML), with a sample registrant, for the soonest event in the wording's language."""

import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .composing import render_email
from .models import Registration, RegistrationMessage

Kind = RegistrationMessage.Kind

# Where the sample registration stands in each kind of email.
SAMPLE_STATUS = {
    Kind.WAITING: Registration.Status.WAITING,
    Kind.CANCELLATION: Registration.Status.CANCELLED,
}
# What a sample change notice says has changed.
SAMPLE_DETAILS = {Kind.EVENT_CHANGED: {"changed": ["when", "place"]}}


def sample_event(language, past=False):
    """The event the preview shows: the next one in `language`, else the latest one in it,
    else the latest in any language; None when there is no event at all. With `past` (the
    email after an event) the latest one that is over comes first."""
    # The event pages, by the model registrations are made on (this package stays below
    # the page models: it does not import them).
    event_pages = Registration._meta.get_field("page").related_model
    events = event_pages.objects.live().defer_streamfields()
    in_language = events.filter(locale__language_code=language)
    over = in_language.filter(ends_at__lt=timezone.now()).order_by("-ends_at", "-pk")
    return (
        (over.first() if past else None)
        or in_language.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk").first()
        or in_language.order_by("-starts_at", "-pk").first()
        or events.order_by("-starts_at", "-pk").first()
    )


def preview_html(wording):
    """The HTML of the email `wording` writes (unsaved changes included), for a sample
    registrant in the wording's language. Nothing is stored or sent."""
    language = wording.locale.language_code if wording.locale_id else settings.LANGUAGE_CODE
    event = sample_event(language, past=wording.kind == "follow_up")
    with translation.override(language):
        if event is None or not wording.kind:
            return render_to_string(
                "events/emails/preview_unavailable.html",
                {"language": language, "without_event": event is None},
            )
        registration = Registration(
            # Never saved: a number no registration has, a secret nobody's link carries,
            # so the links in the preview lead nowhere.
            pk=10**15,
            secret=uuid.uuid4(),
            event_key=event.translation_key,
            page=event,
            language=language,
            name=_("Alex Example"),
            email="alex@example.org",
            status=SAMPLE_STATUS.get(wording.kind, Registration.Status.CONFIRMED),
        )
        message = RegistrationMessage(
            registration=registration,
            kind=wording.kind,
            details=SAMPLE_DETAILS.get(wording.kind, {}),
        )
    # Wordings are for communications staff and translators: the event's real join link
    # and codes stay with its registrants and organisers.
    return render_email(message, event, language, wording, sample=True)[2]
