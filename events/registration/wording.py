"""What the standard registration emails say: the subject and opening paragraphs.

The defaults are here, in the code, translated like every other string. Staff can replace
them per language in the admin (`EmailWording`, a snippet translated like pages); their
text may use the placeholders below, in braces, filled in for each registrant. Anything
else in braces is refused when the wording is saved, so a typo never reaches an inbox as
"{nmae}". The event's facts (date, place, joining details) and the personal links are not
part of the wording: every email shows them the same way.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "name": gettext_lazy("the registrant's name"),
    "event": gettext_lazy("the event's title"),
    "date": gettext_lazy("the event's date and time"),
    "place": gettext_lazy("the venue, or “online”"),
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# Each kind: its subject and its opening paragraphs, with %(name)s-style values.
DEFAULTS = {
    "confirmation": (
        lambda: _("Your registration: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _("thank you for registering for “%(event)s”. Your place is confirmed."),
        ],
    ),
    "waiting": (
        lambda: _("You are on the waiting list: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "thank you for registering for “%(event)s”. The event is full at the moment, "
                "so you are on the waiting list. If a place becomes free, it goes to the next "
                "person on the list and we will email you right away."
            ),
        ],
    ),
    "promotion": (
        lambda: _("A place is free for you: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "good news: a place has become free at “%(event)s”, and it is yours. Your "
                "registration is now confirmed."
            ),
        ],
    ),
    "cancellation": (
        lambda: _("Registration cancelled: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "your registration for “%(event)s” has been cancelled. If this was a mistake, "
                "you can register again on the event page."
            ),
        ],
    ),
    "already_registered": (
        lambda: _("You are already registered: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "someone, probably you, has just tried to register for “%(event)s” again with "
                "this email address. You are already registered, so nothing has changed."
            ),
        ],
    ),
    "joining_details": (
        lambda: _("How to join: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _("here is how to join “%(event)s”, %(date)s. Please keep this email."),
        ],
    ),
    "reminder": (
        lambda: _("Reminder: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _("a reminder: you are registered for “%(event)s”, %(date)s. We look forward to it."),
        ],
    ),
    "event_changed": (
        lambda: _("Changed: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "something has changed about “%(event)s”, for which you are registered. The "
                "details below are up to date."
            ),
        ],
    ),
    "event_cancelled": (
        lambda: _("Cancelled: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _("we are sorry: “%(event)s” has been cancelled and will not take place."),
        ],
    ),
    "confirm_address": (
        lambda: _("Please confirm your registration: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "someone, probably you, has registered this email address for “%(event)s”. "
                "Please confirm with the button below; until then, the registration is not "
                "complete. If it was not you, ignore this email and nothing happens."
            ),
        ],
    ),
    "offer": (
        lambda: _("A place is free for you: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "good news: a place has become free at “%(event)s”, and we are keeping it for "
                "you. Accept it with one click below before the time given; after that it "
                "goes to the next person waiting."
            ),
        ],
    ),
    "offer_expired": (
        lambda: _("The place offered has gone to the next person: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "the place we offered you at “%(event)s” was not accepted in time, so it has "
                "been offered to the next person waiting. You can register again on the event "
                "page if places are still free."
            ),
        ],
    ),
    "follow_up": (
        lambda: _("Thank you for taking part: %(event)s"),
        lambda: [
            _("Hello %(name)s,"),
            _(
                "thank you for taking part in “%(event)s”. Your experience matters to us: the "
                "campaign gathers what makes partnerships for the SDGs work."
            ),
        ],
    ),
}
# Organisers write these themselves, one text per language (OrganiserMessage).
NOT_EDITABLE = {"organiser_message"}


def with_new_status(subject, opening, details, values):
    """A change notice's (subject, paragraphs) when the event's status changed (its
    `details` say so): a postponement says so in the subject, and a paragraph says what the
    new status means for the registrant."""
    if "status" not in details.get("changed", []):
        return subject, opening
    status, before = details.get("status"), details.get("before_status")
    if status == "postponed":
        subject = _("Postponed: %(event)s") % values
        note = _(
            "The event has been postponed: it will not take place on the date below. We will "
            "email you the new date as soon as it is set. Your registration remains valid."
        )
    elif status == "scheduled" and before == "postponed":
        note = _("The event has its new date, shown below. Your registration remains valid.")
    elif status == "scheduled" and before == "cancelled":
        note = _(
            "The event takes place after all, on the date shown below. Your registration "
            "remains valid."
        )
    else:
        return subject, opening
    return subject, [*opening, note]


def validate_placeholders(text):
    """Refuse placeholders other than PLACEHOLDERS, naming the ones that may be used."""
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(unknown)s. You can use: %(known)s."),
            params={
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


def fill(text, values):
    """`text` with its known placeholders replaced; other braces stay as they are."""
    return PLACEHOLDER.sub(
        lambda match: str(values[match.group(1)]) if match.group(1) in values else match.group(0),
        text,
    )


def paragraphs(text):
    """Paragraphs are separated by an empty line; single line breaks stay in them."""
    return [
        part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()
    ]


def wording_for(kind, values, custom=None):
    """(subject, [paragraphs]) of an email of `kind`, in the active language: staff's
    `custom` wording (an EmailWording, either part may be empty) where given, else the
    default. `values` fills the placeholders."""
    subject, opening = DEFAULTS[kind]
    subject = subject() % values
    opening = [paragraph % values for paragraph in opening()]
    if custom is not None:
        if custom.subject.strip():
            subject = fill(custom.subject.strip(), values)
        if custom.text.strip():
            opening = paragraphs(fill(custom.text, values))
    return subject, opening
