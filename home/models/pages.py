"""The campaign overview and the standard pages (about, contact, imprint, privacy...)."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable

from campaign_site.cache import cached

from ..blocks import BodyBlock, CallToActionBlock
from ..highlights import get_highlights, highlight_dependencies, next_highlight_change
from ..localization import localized_all
from .seo import CampaignPage


class AimBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Aim"), max_length=120)
    text = blocks.TextBlock(label=_("Explanation"), required=False)

    class Meta:
        icon = "tick"
        label = _("Aim")


class HomePage(CampaignPage):
    """The campaign overview: the root page of the site in each language."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The campaign's purpose in one or two sentences, shown under the title."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Leave empty to use "
            "the image's own description; leave both empty only for a decorative image."
        ),
    )
    aims_heading = models.CharField(_("heading of the aims"), max_length=120, blank=True)
    aims = StreamField([("aim", AimBlock())], verbose_name=_("aims"), blank=True, max_num=6)
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        verbose_name=_("call to action"),
        blank=True,
        max_num=1,
        help_text=_("The one thing visitors should do next, e.g. read the study."),
    )
    highlight_count = models.PositiveSmallIntegerField(
        _("number of highlights"),
        default=3,
        help_text=_("How many upcoming events and latest insights the overview shows."),
    )
    show_evidence = models.BooleanField(
        _("show the campaign's evidence"),
        default=True,
        help_text=_(
            "Live figures under the highlights: events, participants, stakeholder groups, "
            "feedback and the enabling factors named most often."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = CampaignPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero"),
        ),
        MultiFieldPanel([FieldPanel("aims_heading"), FieldPanel("aims")], heading=_("Aims")),
        FieldPanel("call_to_action"),
        FieldPanel("highlight_count"),
        FieldPanel("show_evidence"),
        InlinePanel("featured_partners", heading=_("Featured partners"), label=_("partner")),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    api_fields = [APIField("intro"), APIField("body")]
    subpage_types = ["events.EventIndexPage", "insights.InsightIndexPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("campaign overview")
        verbose_name_plural = _("campaign overviews")

    cache_for_visitors = True

    def page_cache_policy(self, request):
        # The highlights say "upcoming": kept until the next of them starts or ends; live
        # figures among them follow their own versions.
        return highlight_dependencies(self), next_highlight_change(request)

    def get_main_image(self):
        return self.hero_image

    @property
    def hero_alt_text(self):
        if self.hero_image_alt:
            return self.hero_image_alt
        return getattr(self.hero_image, "description", "") if self.hero_image else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = get_highlights(
            self.locale, self.highlight_count, page=self, request=request
        )
        built = []

        def build():
            built.append(True)
            return self._partners_in_language()

        partners = cached(f"overview-partners:{self.pk}", build, request=request)
        if built:
            # Read afresh, so is the HTML of their logos, which needs a rendition of each:
            # read for all at once, and only now, so that none is kept with the partners
            # (renditions made later would be missing there).
            logos = [partner.logo for partner in partners if partner.logo is not None]
            prefetch_related_objects(logos, "renditions")
        context["partners"] = partners
        return context

    def _partners_in_language(self):
        featured = [item.partner for item in self.featured_partners.select_related("partner__logo")]
        return localized_all(featured, self.locale, select_related=["logo"])


class HomePagePartner(Orderable):
    """A partner featured on the overview (shown in the page's language)."""

    page = ParentalKey(HomePage, related_name="featured_partners", on_delete=models.CASCADE)
    partner = models.ForeignKey(
        "home.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("partner")]


class StandardPage(CampaignPage):
    """About, contact, imprint, privacy policy, accessibility statement and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = CampaignPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    api_fields = [APIField("intro"), APIField("body")]
    subpage_types = ["home.StandardPage"]

    cache_for_visitors = True

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
