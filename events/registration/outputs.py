"""What the email after an event lists: the event's outputs and the insights about it, each
in the registrant's language where a translation exists, and saying so where it does not."""

from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings

from wagtail.models import Page

from home.localization import in_language


@dataclass(frozen=True)
class Output:
    title: str
    url: str
    kind: str  # "document", "recording", "insight"
    # "in German" when it is not in the registrant's language ("" when it is).
    other_language: str = ""


def absolute(url):
    return urljoin(settings.WAGTAILADMIN_BASE_URL, url)


def event_outputs(event, language):
    """The documents and recordings of `event` (the version the email links to); a
    document says in which language it is written when that is not `language`."""
    found = []
    for block in event.outputs:
        value = block.value
        if block.block_type == "document_download" and value.get("document"):
            document = value["document"]
            title = value.get("title_override") or document.title
            written_in = value.get("language") or ""
            other = in_language(written_in) if written_in and written_in != language else ""
            found.append(Output(title, absolute(document.url), "document", other))
        elif block.block_type == "recording" and value.get("video"):
            found.append(Output(value.get("title") or "", value["video"].url, "recording"))
    return found


def insights_about(event, language):
    """The published insights that name `event` (any of its versions), each in `language`
    where translated, else in the source language with its name."""
    relation = getattr(event, "insight_links", None)
    if relation is None:
        return []
    insight_ids = relation.model.objects.filter(
        event__translation_key=event.translation_key
    ).values("insight_id")
    keys = set(
        Page.objects.live()
        .public()
        .filter(pk__in=insight_ids)
        .values_list("translation_key", flat=True)
    )
    versions = {}
    for page in (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("-first_published_at", "pk")
    ):
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    found = []
    for by_language in versions.values():
        page = by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)
        if page is None:
            page = next(iter(by_language.values()))
        code = page.locale.language_code
        found.append(
            Output(
                page.title,
                page.get_full_url(),
                "insight",
                "" if code == language else in_language(code),
            )
        )
    return found


def follow_up_context(event, registration, language):
    """What the follow-up email shows beyond its opening, in the active language."""
    event_language = event.locale.language_code
    return {
        "outputs": event_outputs(event, language),
        "insights": insights_about(event, language),
        # The event is not published in the registrant's language: its page and outputs
        # are in another one.
        "event_language": "" if event_language == language else in_language(event_language),
        "has_feedback_form": bool(event.feedback),
    }
