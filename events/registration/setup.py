"""What an event's registration looks like, read from its registration block.

Numbers and dates (places, waiting list, opening and closing) always come from the source
language version, so every language version shares one list with the same rules, whatever
a translation says. Words (button label, questions) come from the visitor's version.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from campaign_site.cache import cached
from home.localization import default_locale

# What the campaign's evidence (events.reports.evidence) follows besides content: raised by
# every registration, attendance and feedback change.
EVIDENCE_VERSION_KEY = "campaign-evidence"


def places_version_key(event_key):
    """The cache version an event page's places follow (see `campaign_site.cache`)."""
    return f"event-places:{event_key}"


@dataclass(frozen=True)
class Question:
    key: str  # the block id: the same in every language version
    label: str
    help_text: str
    kind: str
    options: list[str] = field(default_factory=list)
    required: bool = False


@dataclass(frozen=True)
class RegistrationSetup:
    kind: str  # "external" or "on_site"
    opens_at: object
    closes_at: object
    url: str = ""
    button_label: str = ""
    capacity: int = 0
    waiting_list: bool = False
    questions: tuple = ()
    # The source's EventPage.event_status: nobody registers for a cancelled event, nor for
    # a postponed one until it has its new date (those registered keep their places).
    event_status: str = "scheduled"

    def state(self, now=None):
        """ "not_yet_open", "open" or "closed"."""
        if self.event_status in ("postponed", "cancelled"):
            return "closed"
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return "not_yet_open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"


def source_version(event):
    """The event's version in the source language (the event itself if there is none)."""
    if event.locale_id == default_locale().pk:
        return event
    # Kept on the page object too (it lives for one request): asked several times per view.
    if getattr(event, "_source_version", None) is not None:
        return event._source_version
    source = cached(
        f"source-event:{event.translation_key}",
        lambda: (
            type(event)
            .objects.filter(translation_key=event.translation_key, locale=default_locale())
            .first()
        ),
    )
    event._source_version = source or event
    return event._source_version


def source_versions(versions):
    """Each event among `versions` (pages of any language) once, as its source version."""
    default = default_locale()
    # The source language's version first, so it is the one kept for its event.
    ordered = sorted(versions, key=lambda version: version.locale_id != default.pk)
    events = {}
    for version in ordered:
        events.setdefault(version.translation_key, version)
    return [source_version(event) for event in events.values()]


def closed_by_source(event, request):
    """Whether registration on `event`, a translation, is closed to this visitor because of
    its source version: every version writes to one list, so the source decides who may
    register. Closed while the source is unpublished, or restricted (password, login or
    groups, on it or a page above it) for a visitor who has not passed that restriction.

    The source itself is guarded by Wagtail before any of its views runs (and a draft's
    preview shows its form). Restrictions and publication renew the content version, so a
    translation kept by the page cache is rendered afresh when they change.
    """
    source = source_version(event)
    if source.pk == event.pk:
        return False
    if not source.live:
        return True
    restrictions = cached(
        f"source-restrictions:{source.pk}", lambda: list(source.get_view_restrictions())
    )
    return any(not restriction.accept_request(request) for restriction in restrictions)


def registration_setup(event):
    """The event's registration, or None when it has none."""
    source = source_version(event)
    if not source.registration:
        return None
    rules = source.registration[0]
    words = event.registration[0] if event.registration else rules
    if words.block_type != rules.block_type:
        words = rules
    closes_at = rules.value.get("closes_at") or event.starts_at
    common = {
        "opens_at": rules.value.get("opens_at"),
        "closes_at": closes_at,
        "event_status": source.event_status,
    }
    if rules.block_type == "external":
        return RegistrationSetup(
            kind="external",
            url=rules.value["url"],
            button_label=words.value.get("button_label") or rules.value["button_label"],
            **common,
        )
    translated = {item.id: item.value for item in words.value["questions"].bound_blocks}
    questions = []
    for position, item in enumerate(rules.value["questions"].bound_blocks):
        text = translated.get(item.id, item.value) if item.id else item.value
        options = list(text["options"])
        if len(options) != len(item.value["options"]):
            options = list(item.value["options"])
        questions.append(
            Question(
                key=str(item.id or position),
                label=text["label"],
                help_text=text["help_text"],
                kind=item.value["kind"],
                options=options,
                required=item.value["required"],
            )
        )
    return RegistrationSetup(
        kind="on_site",
        capacity=rules.value["capacity"],
        waiting_list=rules.value["waiting_list"],
        questions=tuple(questions),
        **common,
    )
