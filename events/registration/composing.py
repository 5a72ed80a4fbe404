"""Writing one outbox message as the email its registrant reads, in their language.

Every registration email has the same shape: the subject and opening paragraphs (staff's
wording or the default, see `wording`), what the email is about beyond that (what changed,
the organisers' text), the event's facts (when, where, how to join), the personal links,
and a calendar file where the entry in the registrant's calendar should change. It goes
out as plain text and as HTML with the site's look, the CSS inlined by css-inline (mail
programs drop style sheets), readable without images and in dark mode.
"""

import datetime
from email.mime.text import MIMEText
from email.utils import parseaddr
from urllib.parse import urljoin

import css_inline

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from ..calendar import calendar_bytes
from ..timing import EventTime, describe_instant
from .joining import JoiningDetails, joining_details, release_at
from .models import EmailWording, RegistrationMessage
from .outputs import follow_up_context
from .setup import source_version
from .tokens import personal_path
from .transport import reply_to, sender
from .wording import paragraphs, with_new_status, wording_for

Kind = RegistrationMessage.Kind

# Kinds whose email carries the event's calendar entry, and how calendars should apply it.
CALENDAR_METHOD = {
    Kind.CONFIRMATION: "PUBLISH",
    Kind.PROMOTION: "PUBLISH",
    Kind.JOINING_DETAILS: "PUBLISH",
    Kind.REMINDER: "PUBLISH",
    Kind.EVENT_CHANGED: "PUBLISH",
    Kind.EVENT_CANCELLED: "CANCEL",
}
# Kinds after which the registration is over: no link to cancel it.
WITHOUT_PERSONAL_LINKS = {Kind.CANCELLATION, Kind.EVENT_CANCELLED, Kind.FOLLOW_UP}
# Emails that are not the answer to something the person just did: they carry a
# List-Unsubscribe header (RFC 2369) leading to the page where the registration can be
# cancelled, so mail programs offer the way out next to the sender. No one-click
# List-Unsubscribe-Post (RFC 8058): it must act without asking, and here "unsubscribe"
# would give up the person's place (and hand it to the next on the waiting list) from a
# button that reads like "stop these emails"; the page asks first.
WITH_LIST_UNSUBSCRIBE = {
    Kind.JOINING_DETAILS,
    Kind.REMINDER,
    Kind.EVENT_CHANGED,
    Kind.ORGANISER_MESSAGE,
}

# Kinds that ask the person to answer with a personal link: the link's purpose (`tokens`).
ANSWER_LINKS = {Kind.CONFIRM_ADDRESS: "confirm", Kind.OFFER: "offer", Kind.FOLLOW_UP: "feedback"}

_inliner = css_inline.CSSInliner(keep_style_tags=True, keep_at_rules=True)


def personal_url(event, registration, purpose):
    """The absolute address of one of `event`'s personal pages (status, cancellation).

    Emails are written outside any request (by a task or a command), so the address starts
    from the site's public address, WAGTAILADMIN_BASE_URL (also used by the admin's own
    emails); a page whose URL is already absolute (several sites) keeps its own.
    """
    return urljoin(settings.WAGTAILADMIN_BASE_URL, personal_path(event, registration, purpose))


def event_in_language(registration):
    """The published version of the registrant's event in their language, else the
    published source (an email must not link to a draft or an unpublished translation),
    else the page they registered on."""
    # Any page type would do: the translation key and locale name the version, `specific`
    # gives the event page with its fields.
    versions = {
        page.locale.language_code: page
        for page in Page.objects.live()
        .filter(translation_key=registration.event_key)
        .select_related("locale")
    }
    version = versions.get(registration.language) or versions.get(settings.LANGUAGE_CODE)
    return version.specific if version is not None else registration.page


def place_of(event):
    """Where people meet, in `event`'s words; "" for an event only online."""
    if not event.is_in_person:
        return ""
    return ", ".join(
        part for part in (event.venue_name, event.venue_address, event.venue_city) if part
    )


def custom_wording(kind, language):
    """Staff's wording of `kind` in `language`, if they wrote one."""
    if kind not in dict(EmailWording._meta.get_field("kind").choices):
        return None
    return (
        EmailWording.objects.filter(kind=kind, locale__language_code=language)
        .only("subject", "text")
        .first()
    )


# What a preview for people who may not know an event's joining details shows instead.
SAMPLE_JOINING = JoiningDetails("https://meet.example.org/…", "Meeting-ID 000 000 000")


def message_context(message, event, language, wording=None, sample=False):
    """Everything the email templates show, in the active language. `wording` stands in
    for staff's saved wording of the kind (the admin's preview of unsaved changes); a
    `sample` shows made-up joining details instead of the event's."""
    registration = message.registration
    source = source_version(event)
    when = source.timing.describe()
    place = place_of(event)
    values = {
        "name": registration.name,
        "event": event.title,
        "date": when,
        "place": place or _("online"),
    }
    if message.kind == Kind.ORGANISER_MESSAGE:
        subject, opening = organiser_text(message, language)
    else:
        custom = wording if wording is not None else custom_wording(message.kind, language)
        subject, opening = wording_for(message.kind, values, custom)
    if message.kind == Kind.EVENT_CHANGED:
        subject, opening = with_new_status(subject, opening, message.details, values)
    joining = joining_details(event, registration)
    if sample and joining is not None:
        joining = SAMPLE_JOINING
    release = release_at(event)
    context = {
        "registration": registration,
        "event": event,
        "kind": message.kind,
        "subject": subject,
        "opening": opening,
        "when": when,
        "place": place,
        "online": source.is_online,
        "status": source.event_status,
        "joining": joining,
        # Only while the release is ahead, for an event that takes place and has details to
        # come: never a promise for a date already past.
        "joining_later": (
            describe_instant(release, source.time_zone)
            if joining is None
            and release is not None
            and release > timezone.now()
            and registration.status == "confirmed"
            and message.kind not in WITHOUT_PERSONAL_LINKS
            and source.event_status != "cancelled"
            and (source.is_online or source.access_details.strip())
            else ""
        ),
        "changes": describe_changes(message.details, source),
        "event_url": event.get_full_url(),
        "personal_links": message.kind not in WITHOUT_PERSONAL_LINKS
        and registration.status != "cancelled",
        "status_url": personal_url(event, registration, "view"),
        "cancel_url": personal_url(event, registration, "cancel"),
        # The address confirmation and the place offered: one link to answer, and until when.
        "answer_url": (
            personal_url(event, registration, ANSWER_LINKS[message.kind])
            if message.kind in ANSWER_LINKS
            else ""
        ),
        "answer_by": (
            describe_instant(registration.expires_at, source.time_zone)
            if message.kind in ANSWER_LINKS and registration.expires_at
            else ""
        ),
        "calendar_attached": message.kind in CALENDAR_METHOD and _sends_calendar(message),
        "site_name": _("Partnerships for the 2030 Agenda"),
        "language": language,
    }
    if message.kind == Kind.FOLLOW_UP:
        context.update(follow_up_context(event, registration, language))
        # The event is over: no joining details, nothing to answer by a date.
        context.update(joining=None, joining_later="", answer_by="")
        if not context["has_feedback_form"]:
            context["answer_url"] = ""
    return context


def organiser_text(message, language):
    """The organisers' subject and paragraphs in `language` (they write one per language
    their recipients read; the source language's stands in for a missing one)."""
    texts = message.organiser_message.texts if message.organiser_message else {}
    text = texts.get(language) or texts.get(settings.LANGUAGE_CODE) or {}
    return text.get("subject", ""), paragraphs(text.get("body", ""))


# What a change notice names (`details["changed"]`), in the registrant's language.
CHANGE_LABELS = {
    "when": lambda: _("Date and time"),
    "place": lambda: _("Venue"),
    "format": lambda: _("Format"),
    "joining": lambda: _("Joining details"),
    "status": lambda: _("Status"),
}


def describe_changes(details, source):
    """What changed, as (label, before) pairs; `before` is the earlier value where it can be
    said ("" otherwise). `details` is what the change notice stored when it was written:
    {"changed": [...], "before": {"timing": [start_date, start_time, end_date, end_time,
    time_zone], "place": "…"}}."""
    changes = []
    before = details.get("before", {})
    for name in details.get("changed", []):
        if name not in CHANGE_LABELS:
            continue
        earlier = ""
        if name == "when" and before.get("timing"):
            earlier = stored_timing(before["timing"]).describe()
        elif name == "place":
            earlier = before.get("place", "")
        changes.append((CHANGE_LABELS[name](), earlier))
    return changes


def stored_timing(values):
    """An EventTime from the ISO texts a change notice stored (start date, start time, end
    date, end time, time zone; times and end date may be empty)."""
    start_date, start_time, end_date, end_time, time_zone = values
    return EventTime(
        datetime.date.fromisoformat(start_date),
        datetime.time.fromisoformat(start_time) if start_time else None,
        datetime.date.fromisoformat(end_date) if end_date else None,
        datetime.time.fromisoformat(end_time) if end_time else None,
        time_zone,
    )


def _sends_calendar(message):
    # Only confirmed people were given the calendar entry (with their confirmation or
    # their place): news of the event updates or removes theirs. People waiting have none,
    # and a cancelled registration's entry is not updated by news of the event.
    return message.registration.status == "confirmed"


def inline_css(html):
    """`html` with its style sheet written into style attributes (mail programs drop or
    ignore style sheets), the sheet itself kept for the dark-mode and small-screen rules
    that programs supporting them apply."""
    return _inliner.inline(html)


def render_email(message, event, language, wording=None, sample=False):
    """(subject, text, html) of `message` in `language` (with `wording` and `sample`, see
    `message_context`)."""
    with translation.override(language):
        context = message_context(message, event, language, wording, sample)
        text = render_to_string("events/emails/message.txt", context)
        html = inline_css(render_to_string("events/emails/message.html", context))
    return context["subject"], text, html


def calendar_part(message, event, language):
    """The event's calendar entry as a text/calendar part with its iTIP method."""
    method = CALENDAR_METHOD[message.kind]
    contact = event.contact_email or sender_address()
    body = calendar_bytes(
        [event],
        language=language,
        method=method,
        joining=joining_details(event, message.registration),
        organizer=(event.contact_name or str(settings.WAGTAIL_SITE_NAME), contact),
    )
    part = MIMEText(body.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=f"{event.slug}.ics")
    return part


def sender_address():
    """The address part of DEFAULT_FROM_EMAIL."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def compose(message):
    """The email for an outbox row, in the registrant's language."""
    registration = message.registration
    language = registration.language
    event = event_in_language(registration)
    subject, text, html = render_email(message, event, language)
    with translation.override(language):
        from_email = sender()
    email = EmailMultiAlternatives(
        subject, text, from_email=from_email, to=[registration.email], reply_to=reply_to(event)
    )
    email.attach_alternative(html, "text/html")
    if message.kind in WITH_LIST_UNSUBSCRIBE and registration.status != "cancelled":
        cancel_url = personal_url(event, registration, "cancel")
        email.extra_headers["List-Unsubscribe"] = f"<{cancel_url}>"
    if message.kind in CALENDAR_METHOD and _sends_calendar(message):
        with translation.override(language):
            email.attach(calendar_part(message, event, language))
    return email
