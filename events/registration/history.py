"""What was sent to one registrant: every email of theirs with its subject, for staff."""

from django.utils import translation

from .composing import event_in_language, message_context, organiser_text
from .models import RegistrationMessage


def subject_of(message, event):
    """The subject of `message` in its registrant's language ("" when its event is gone).

    An organisers' message keeps the subject they wrote; a standard email's subject is its
    wording as it stands (staff may have changed it since it was sent).
    """
    language = message.registration.language
    with translation.override(language):
        if message.kind == RegistrationMessage.Kind.ORGANISER_MESSAGE:
            return organiser_text(message, language)[0]
        if event is None:
            return ""
        return message_context(message, event, language)["subject"]


def email_history(registration):
    """Every email written to `registration`, oldest first, each with its `subject`."""
    emails = list(registration.messages.select_related("organiser_message"))
    event = event_in_language(registration) if emails else None
    for email in emails:
        # The registration is the same object for all: its page is read once.
        email.registration = registration
        email.subject = subject_of(email, event)
    return emails
