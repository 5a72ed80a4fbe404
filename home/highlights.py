"""A small registry through which other apps put highlights on the campaign overview.

`home` never imports `events` or `insights`; each of those apps registers a provider in its
AppConfig.ready(), e.g. "upcoming events", and the overview shows whatever is registered.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from wagtail.models import Page

from campaign_site.cache import cached
from campaign_site.cache.versions import dependency_version


@dataclass(frozen=True)
class HighlightProvider:
    key: str
    heading: str  # a lazy translation
    template: str  # renders `items` (and `heading`, `more_page`)
    items: Callable  # (locale, limit) -> list of pages
    # The type of the listing page the "all events" link leads to (its live page in the
    # language is found with those of the other providers, `_more_pages`).
    more_page: type | None = None
    order: int = 100
    # () -> the next moment the items change by themselves (e.g. an event ends), if any
    changes_at: Callable | None = None
    # Versions the items follow besides content (`campaign_site.cache.dependency_version`),
    # e.g. figures that change with every registration.
    depends_on: tuple = ()
    # The overview's yes/no field that shows these highlights ("" = always shown).
    shown_when: str = ""
    # (item) -> the image its card shows, or None.
    image: Callable | None = None


_providers: dict[str, HighlightProvider] = {}


def register_highlight(provider):
    """Register (or replace) a provider of highlights for the overview."""
    _providers[provider.key] = provider


def _changes_at(provider, request=None):
    """`provider.changes_at()`, asked once per request (the cache policy and the highlights
    both need it) when `request` is given."""
    if provider.changes_at is None:
        return None
    if request is None:
        return provider.changes_at()
    memo = request.__dict__.setdefault("_highlight_changes", {})
    if provider.key not in memo:
        memo[provider.key] = provider.changes_at()
    return memo[provider.key]


def _more_pages(locale, request=None):
    """{page type: its first live page in `locale`} for every provider's `more_page`, in one
    query, asked once per request when `request` is given."""
    memo = request.__dict__.setdefault("_highlight_more_pages", {}) if request else {}
    if locale.pk not in memo:
        types = {provider.more_page for provider in _providers.values() if provider.more_page}
        found = {}
        if types:
            pages = Page.objects.live().type(*types).filter(locale=locale).order_by("path")
            for page in pages:
                found.setdefault(page.specific_class, page)
        memo[locale.pk] = found
    return memo[locale.pk]


def next_highlight_change(request=None):
    """The next moment any provider's items change by themselves (None if none is known)."""
    moments = [_changes_at(provider, request) for provider in _providers.values()]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def shown_on(page):
    """The providers whose highlights `page` (an overview, or None: all) shows, in order."""
    return [
        provider
        for provider in sorted(_providers.values(), key=lambda p: p.order)
        if not provider.shown_when or page is None or getattr(page, provider.shown_when, False)
    ]


def highlight_dependencies(page=None):
    """The versions the highlights `page` shows follow besides content."""
    return tuple(key for provider in shown_on(page) for key in provider.depends_on)


def get_highlights(locale, limit, page=None, request=None):
    """The highlights `page` shows (all registered when None) for `locale`, each with up to
    `limit` items, in order.

    Cached until content changes, a version they depend on changes, or the provider's items
    change by themselves.
    """
    highlights, images = [], []
    for provider in shown_on(page):
        built = []

        def build(provider=provider, built=built):
            built.append(True)
            return {
                "items": provider.items(locale, limit),
                "more_page": _more_pages(locale, request).get(provider.more_page),
            }

        moment = _changes_at(provider, request)
        until = int(moment.timestamp()) if moment else "-"
        versions = ":".join(str(dependency_version(key)) for key in provider.depends_on)
        found = cached(f"highlight:{provider.key}:{locale.pk}:{limit}:{until}:{versions}", build)
        if built and provider.image is not None:
            images += [provider.image(item) for item in found["items"]]
        highlights.append(
            {
                "key": provider.key,
                "heading": provider.heading,
                "template": provider.template,
                **found,
            }
        )
    # Highlights built afresh most likely need the HTML of their cards' images, and so
    # renditions of each: read for all in one query, and only now, after the items were
    # cached, so that none is kept with them (a rendition made later would be missing there).
    prefetch_related_objects([image for image in images if image is not None], "renditions")
    return highlights
