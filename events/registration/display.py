"""Registrations as staff see them: in the admin, on the manage page and in exports.

One event has one name for staff, its source-language title, whatever language a person
registered in (that language is shown next to it); answers show their question's and
option's words, never ids; times are the event's local time with its zone named; the
registration's secret and raw ids are never shown.
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from home.listing import choices_in_language
from home.localization import active_locale, default_locale, localized_all
from home.models import StakeholderGroup

from ..timing import describe_instant, local_instant
from .models import Registration
from .setup import registration_setup, source_version

__all__ = [
    "answer_text",
    "details",
    "event_time_zone",
    "event_title",
    "event_with_language",
    "language_name",
    "local_datetime",
    "on_site_questions",
    "registered_at",
    "stakeholder_group_name",
    "stakeholder_group_names",
    "with_source_event",
]

EMPTY = "—"


def _event_model():
    # The event page model, as the registration names it (events.models imports this
    # package, not the other way round).
    return Registration._meta.get_field("page").related_model


def with_source_event(registrations):
    """`registrations` with their event's source-language id, title and time zone, in the
    same query (`source_event_id`, `source_event_title`, `source_event_time_zone`).

    A registration keeps the page version the person registered on; the source version is
    found by the event's translation key. The page registered on comes along too, for
    events whose source version is gone.
    """
    source = _event_model().objects.filter(
        translation_key=OuterRef("event_key"), locale_id=default_locale().pk
    )
    return registrations.select_related("page").annotate(
        source_event_id=Subquery(source.values("pk")[:1]),
        source_event_title=Subquery(source.values("title")[:1]),
        source_event_time_zone=Subquery(source.values("time_zone")[:1]),
    )


def _annotated(registration):
    """`registration` with the annotations of `with_source_event` (one query if missing)."""
    if hasattr(registration, "source_event_title"):
        return registration
    return with_source_event(type(registration).objects.filter(pk=registration.pk)).get()


def event_title(registration):
    """The event's source-language title (the version registered on if the source is gone)."""
    registration = _annotated(registration)
    if registration.source_event_title:
        return registration.source_event_title
    return registration.page.title if registration.page else EMPTY


def event_time_zone(registration):
    """The event's time zone (the site's when the event is gone)."""
    registration = _annotated(registration)
    if registration.source_event_time_zone:
        return registration.source_event_time_zone
    return registration.page.time_zone if registration.page else settings.TIME_ZONE


def language_name(code):
    """A language's name in the active language ("Französisch" for "fr" in German)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code or EMPTY


def event_with_language(registration):
    """HTML: the event's source title and a badge with the language the person registered in."""
    return format_html(
        '{} <span class="w-status w-status--label" data-registration-language="{}">{}</span>',
        event_title(registration),
        registration.language,
        language_name(registration.language),
    )


def stakeholder_group_names():
    """Stakeholder group names by slug, in the active language (cached until content changes)."""
    return {
        slug: str(name) for slug, name in choices_in_language(StakeholderGroup, active_locale())[1:]
    }


def stakeholder_group_name(slug, names=None):
    """A stakeholder group's name in the active language (the slug if it no longer exists);
    `names` from `stakeholder_group_names`, to look them up once for many."""
    if not slug:
        return ""
    names = stakeholder_group_names() if names is None else names
    return names.get(slug, slug)


def registered_at(registration):
    """When the person registered, in the event's zone with the zone named."""
    return describe_instant(registration.created_at, event_time_zone(registration))


def local_datetime(instant, time_zone):
    """`instant` as a naive date and time in `time_zone` (what a spreadsheet cell holds)."""
    if instant is None:
        return None
    return local_instant(instant, time_zone).replace(tzinfo=None)


def on_site_questions(event):
    """The custom questions of `event`'s on-site registration as staff read them: rules
    (kind, options, required) from the source language version, words from the event's
    live version in the active language (the staff member's own), else the source's."""
    (words,) = localized_all([source_version(event)])
    setup = registration_setup(words)
    return list(setup.questions) if setup and setup.kind == "on_site" else []


def answer_text(question, answer):
    """An answer as words: option labels instead of their numbers, yes/no for a checkbox."""
    if answer in (None, "", []):
        return ""
    if question.kind == "single_choice":
        return _option(question, answer)
    if question.kind == "multiple_choice":
        items = answer if isinstance(answer, list) else [answer]
        return "; ".join(_option(question, index) for index in items)
    if question.kind == "checkbox":
        return _("yes") if answer else _("no")
    return str(answer)


def _option(question, index):
    try:
        return question.options[int(index)]
    except (IndexError, ValueError, TypeError):
        return str(index)


def needs_text(registration):
    """A registration's needs in words: the ticked ones, then what the person wrote."""
    labels = dict(Registration.Need.choices)
    ticked = [str(labels[need]) for need in registration.needs or [] if need in labels]
    return "; ".join(
        ticked + ([registration.accessibility_needs] if registration.accessibility_needs else [])
    )


def _event_of(registration):
    registration = _annotated(registration)
    if registration.source_event_id:
        return _event_model().objects.get(pk=registration.source_event_id)
    return registration.page


def details(registration):
    """What staff see of one registration: (label, value) pairs, values as text (the event
    as HTML with its language badge); no secret, no raw ids, "—" for what is empty."""
    registration = _annotated(registration)
    event = _event_of(registration)
    questions = on_site_questions(event) if event is not None else []
    zone = event_time_zone(registration)

    def label(name):
        return capfirst(str(registration._meta.get_field(name).verbose_name))

    def when(instant):
        return describe_instant(instant, zone) if instant else EMPTY

    rows = [
        (label("event_key"), event_with_language(registration)),
        (label("status"), registration.get_status_display()),
        (label("name"), registration.name or EMPTY),
        (label("email"), registration.email or EMPTY),
        (label("organisation"), registration.organisation or EMPTY),
        (
            label("stakeholder_group"),
            stakeholder_group_name(registration.stakeholder_group) or EMPTY,
        ),
        (label("country"), registration.country.name if registration.country else EMPTY),
        (label("accessibility_needs"), needs_text(registration) or EMPTY),
        (
            label("preferred_language"),
            language_name(registration.preferred_language)
            if registration.preferred_language
            else EMPTY,
        ),
        (label("attendance"), registration.get_attendance_display()),
    ]
    answers = dict(registration.answers or {})
    for question in questions:
        rows.append(
            (question.label, answer_text(question, answers.pop(question.key, None)) or EMPTY)
        )
    for answer in answers.values():
        # The question was removed from the event since: its words are gone, the answer stays.
        if not isinstance(answer, (dict, list)):
            rows.append((_("Answer to a removed question"), str(answer)))
    rows += [
        (label("language"), language_name(registration.language)),
        (label("created_at"), when(registration.created_at)),
        (label("consent_at"), when(registration.consent_at)),
        (label("status_changed_at"), when(registration.status_changed_at)),
    ]
    if registration.anonymised_at:
        rows.append((label("anonymised_at"), when(registration.anonymised_at)))
    return rows
