"""RSS 2.0 and Atom feeds of an insight index: all insights of its language, or one type.

Served by routes on `InsightIndexPage` (e.g. /de/erkenntnisse/feed/rss/news/), so each
language has its own feeds and every link in them is absolute. Feed and entry ids are
permanent `tag:` URIs (see `campaign_site.identifiers`): a renamed slug or another host name
never makes a reader see an insight twice.

`Last-Modified` is when the feed last changed (an entry or the index's title and
introduction published); `ConditionalGetMiddleware` adds the ETag and answers a
reader's conditional request with 304, for feeds served from the page cache as well.
"""

import datetime
import mimetypes

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.db.models import Max, Prefetch
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from wagtail.models import PageLogEntry

from campaign_site.cache import cached
from campaign_site.identifiers import tag_uri
from home.models import SiteTexts
from home.templatetags.seo_tags import DEFAULT_SITE_NAME

from .choices import InsightType
from .listing import listing_queryset

FEED_LENGTH = 30
ENCLOSURE_FILTER = "fill-1200x630|format-jpeg"


# What takes an entry out of a feed without publishing anything (Wagtail logs each).
TAKEN_BACK = (
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
)


def last_taken_back():
    """When an insight (or an insight index) was last unpublished, deleted, moved or made
    private, in any language: a feed that lost an entry has changed, though none of its
    entries was published since."""
    # By name: the index page's model serves the feeds, so it imports this module.
    models = [apps.get_model("insights", name) for name in ("InsightPage", "InsightIndexPage")]
    types = ContentType.objects.get_for_models(*models).values()
    return (
        PageLogEntry.objects.filter(content_type__in=types, action__in=TAKEN_BACK)
        .aggregate(moment=Max("timestamp"))
        .get("moment")
    )


class InsightRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, insight_type=None):
        self.index = index
        self.insight_type = insight_type
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        # Django dates a feed by its newest entry date, which an editor may set by hand (even
        # ahead). The feed last changed when one of its entries or its index (title,
        # introduction) was last published.
        moments = [item.last_published_at for item in self._items]
        # Unpublishing, deleting, moving and restricting renew the content version.
        moments += [self.index.last_published_at, cached("insights-taken-back", last_taken_back)]
        moments = [moment for moment in moments if moment]
        if moments:
            response["Last-Modified"] = http_date(max(moments).timestamp())
        return response

    # --- the feed -------------------------------------------------------------------------

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        if self.insight_type:
            return f"{index.title}: {InsightType(self.insight_type).label}"
        return index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.intro or index.search_description or str(_("Insights of the campaign"))

    def feed_guid(self, index):
        # Atom's feed <id> (RSS has none): one per index, language and type, kept for good.
        parts = ["insight-feed", index.translation_key, self.language]
        return tag_uri(*parts, *[self.insight_type] if self.insight_type else [])

    def feed_url(self, index):
        return self.request.build_absolute_uri(self.request.path)

    def items(self, index):
        insights = index.insights()
        if self.insight_type:
            insights = insights.filter(insight_type=self.insight_type)
        # The authors with their people: one query, however many insights and authors.
        authors = apps.get_model("insights", "InsightPageAuthor").objects.select_related("person")
        authors = Prefetch("authors", queryset=authors)
        self._items = list(listing_queryset(insights).prefetch_related(authors)[:FEED_LENGTH])
        return self._items

    # --- each insight ---------------------------------------------------------------------

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    # The GUID is no address: readers must not take it for a link to follow.
    item_guid_is_permalink = False

    def item_guid(self, item):
        # Each language version is an entry of its own (in the feed of its language).
        return tag_uri("insight", item.translation_key, self.language)

    def item_pubdate(self, item):
        published = item.first_published_at
        if published and timezone.localdate(published) == item.publication_date:
            return published
        # A date set by hand has no time: noon keeps it the same day for readers worldwide.
        day = item.publication_date or timezone.localdate(published)
        return datetime.datetime.combine(
            day, datetime.time(12), tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [author.person.name for author in item.authors.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [InsightType(item.insight_type).label]

    def item_enclosures(self, item):
        if item.hero_image is None:
            return []
        rendition = item.hero_image.get_rendition(ENCLOSURE_FILTER)
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        try:
            length = rendition.file.size
        except OSError:  # the file is missing from storage: say so rather than fail
            length = 0
        return [
            Enclosure(
                url=self.request.build_absolute_uri(rendition.url),
                length=str(length),
                mime_type=mime_type,
            )
        ]


class InsightAtomFeed(InsightRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)

    def author_name(self, index):
        # RFC 4287 §4.1.1: an entry without an author of its own takes the feed's, and a
        # feed must have one then. The campaign itself speaks where no person is named.
        with translation.override(self.language):
            texts = SiteTexts.for_request(self.request)
        return texts.site_name if texts else DEFAULT_SITE_NAME


__all__ = ["InsightAtomFeed", "InsightRssFeed"]
