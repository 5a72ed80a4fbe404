"""The insight index: listing, filters and feeds; and what the overview asks of insights."""

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from campaign_site.cache import cached, follow_every_change
from home.highlights import HighlightProvider
from home.models import CampaignPage

from ..choices import InsightType
from ..feeds import InsightAtomFeed, InsightRssFeed
from ..listing import insight_listing_context, listing_queryset
from .pages import InsightPage


class InsightIndexPage(RoutablePageMixin, CampaignPage):
    """Lists the campaign's insights: news, learnings, partnership examples and the study."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = CampaignPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]

    cache_for_visitors = True
    subpage_types = ["insights.InsightPage"]

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("insight index")
        verbose_name_plural = _("insight indexes")

    def get_cached_paths(self):
        # The frontend cache also holds the feeds of this listing (all insights, per type).
        feeds = ["/feed/rss/", "/feed/atom/"]
        by_type = [f"{feed}{kind}/" for feed in feeds for kind in InsightType.values]
        return ["/", *feeds, *by_type]

    def insights(self):
        """Live, public insights of this index (and so of its language)."""
        return InsightPage.objects.child_of(self).live().public()

    def feed_links(self, request):
        """The feeds to announce in a page's head: all insights (RSS, Atom), then RSS per type.

        The same until content changes, so cached rather than reversed on every view.
        """

        def build():
            url = self.get_url(request)
            rss, atom = "application/rss+xml", "application/atom+xml"
            links = [
                {
                    "title": f"{self.title} (RSS)",
                    "type": rss,
                    "href": url + self.reverse_subpage("feed_rss"),
                },
                {
                    "title": f"{self.title} (Atom)",
                    "type": atom,
                    "href": url + self.reverse_subpage("feed_atom"),
                },
            ]
            for value, label in InsightType.choices:
                href = url + self.reverse_subpage("feed_rss_type", args=(value,))
                links.append({"title": f"{self.title}: {label} (RSS)", "type": rss, "href": href})
            return links

        key = f"feed-links:{self.pk}:{translation.get_language()}"
        return cached(key, build, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(insight_listing_context(self, request))
        context["feed_links"] = self.feed_links(request)
        return context

    def _feed(self, request, atom=False, insight_type=None):
        if insight_type is not None and insight_type not in InsightType.values:
            raise Http404
        # Each item says when it was last published, its text changed or not.
        follow_every_change(request)
        feed_class = InsightAtomFeed if atom else InsightRssFeed
        return feed_class(self, insight_type)(request)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return self._feed(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self._feed(request, atom=True)

    @path("feed/rss/<slug:insight_type>/", name="feed_rss_type")
    def feed_rss_type(self, request, insight_type):
        return self._feed(request, insight_type=insight_type)

    @path("feed/atom/<slug:insight_type>/", name="feed_atom_type")
    def feed_atom_type(self, request, insight_type):
        return self._feed(request, atom=True, insight_type=insight_type)


def latest_insights(locale, limit):
    """The newest live, public insights in `locale`."""
    insights = InsightPage.objects.live().outside_private_sections().filter(locale=locale)
    return list(listing_queryset(insights, cached=True)[:limit])


# What the campaign overview shows of insights (registered in the app's ready()).
LATEST_INSIGHTS_HIGHLIGHT = HighlightProvider(
    key="latest_insights",
    heading=_("Latest insights"),
    template="insights/includes/highlights.html",
    items=latest_insights,
    more_page=InsightIndexPage,
    order=20,
    image=lambda insight: insight.hero_image,
)
