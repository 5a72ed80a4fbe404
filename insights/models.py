from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from home.blocks import BodyBlock
from home.models import CampaignPage


class InsightIndexPage(CampaignPage):
    """Lists the campaign's insights: news, learnings, partnership examples and the study."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = CampaignPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["insights.InsightPage"]

    class Meta:
        verbose_name = _("insight index")
        verbose_name_plural = _("insight indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["insights"] = (
            InsightPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-publication_date", "-pk")
            .defer_streamfields()
        )
        return context


class InsightPage(CampaignPage):
    """An article: campaign news, a learning, a partnership example, an interview, the study."""

    teaser = models.TextField(
        _("teaser"), blank=True, help_text=_("One or two sentences for listings and previews.")
    )
    publication_date = models.DateField(_("publication date"), default=timezone.localdate)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = CampaignPage.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("publication_date"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("event_links", heading=_("Learnings from these events"), label=_("event")),
    ]

    parent_page_types = ["insights.InsightIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def get_main_image(self):
        return self.hero_image


class InsightPageEvent(Orderable):
    """An event this insight reports on; the event page lists it among its outputs."""

    insight = ParentalKey(InsightPage, related_name="event_links", on_delete=models.CASCADE)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="insight_links",
    )

    panels = [FieldPanel("event")]


def latest_insights(locale, limit):
    """The newest live, public insights in `locale`."""
    return list(
        InsightPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("-publication_date", "-pk")
        .defer_streamfields()[:limit]
    )


def insight_index_for(locale):
    return InsightIndexPage.objects.live().filter(locale=locale).first()
