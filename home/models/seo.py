"""What every public page shares: a social image and the data for search and sharing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


class CampaignPage(Page):
    """Abstract base of every page type: SEO fields and the image shown when shared."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media (1200×630 works best). "
            "Without one, the page's main image or the site's default image is used."
        ),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("For search engines")),
        FieldPanel("social_image"),
    ]

    class Meta:
        abstract = True

    def get_main_image(self):
        """The page's own leading image (hero, listing image…); page types override this."""
        return None

    def get_social_image(self, request=None):
        """Social image, else the page's main image, else the site's default image."""
        image = self.social_image or self.get_main_image()
        if image is None and request is not None:
            image = SiteSettings.for_request(request).default_social_image
        return image

    def get_meta_description(self):
        return self.search_description or getattr(self, "teaser", "") or getattr(self, "intro", "")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Settings that are the same in every language."""

    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when a shared page has no image of its own."),
    )
    social_media_handle = models.CharField(
        _("X/Twitter handle"), max_length=40, blank=True, help_text=_("Without the @.")
    )

    panels = [FieldPanel("default_social_image"), FieldPanel("social_media_handle")]

    class Meta:
        verbose_name = _("site settings")
