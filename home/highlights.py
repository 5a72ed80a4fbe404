"""A small registry through which other apps put highlights on the campaign overview.

`home` never imports `events` or `insights`; each of those apps registers a provider in its
AppConfig.ready(), e.g. "upcoming events", and the overview shows whatever is registered.
"""

from collections.abc import Callable
from dataclasses import dataclass

from campaign_site.cache import cached


@dataclass(frozen=True)
class HighlightProvider:
    key: str
    heading: str  # a lazy translation
    template: str  # renders `items` (and `heading`, `more_page`)
    items: Callable  # (locale, limit) -> list of pages
    more_page: Callable | None = None  # (locale) -> the listing page, for "all events" links
    order: int = 100
    # () -> the next moment the items change by themselves (e.g. an event ends), if any
    changes_at: Callable | None = None


_providers: dict[str, HighlightProvider] = {}


def register_highlight(provider):
    """Register (or replace) a provider of highlights for the overview."""
    _providers[provider.key] = provider


def next_highlight_change():
    """The next moment any provider's items change by themselves (None if none is known)."""
    moments = [p.changes_at() for p in _providers.values() if p.changes_at is not None]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def get_highlights(locale, limit):
    """The registered highlights for `locale`, each with up to `limit` items, in order.

    Cached until content changes or the provider's items change by themselves.
    """
    highlights = []
    for provider in sorted(_providers.values(), key=lambda p: p.order):

        def build(provider=provider):
            return {
                "items": provider.items(locale, limit),
                "more_page": provider.more_page(locale) if provider.more_page else None,
            }

        moment = provider.changes_at() if provider.changes_at else None
        until = int(moment.timestamp()) if moment else "-"
        found = cached(f"highlight:{provider.key}:{locale.pk}:{limit}:{until}", build)
        highlights.append(
            {
                "key": provider.key,
                "heading": provider.heading,
                "template": provider.template,
                **found,
            }
        )
    return highlights
