"""What every public page shares: a social image and the data for search and sharing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index


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

    # The site search finds words in these fields on every page type that has them, so a new
    # page type is searchable without repeating its text fields in `search_fields`.
    SEARCHABLE_TEXT_FIELDS = ("intro", "teaser", "body")

    @classmethod
    def get_search_fields(cls):
        fields = super().get_search_fields()
        declared = {field.field_name for field in fields if isinstance(field, index.SearchField)}
        own = {field.name for field in cls._meta.get_fields()}
        return fields + [
            index.SearchField(name)
            for name in cls.SEARCHABLE_TEXT_FIELDS
            if name in own and name not in declared
        ]

    def get_sitemap_urls(self, request=None):
        """The page's sitemap entry, with every live translation as an hreflang alternate."""
        urls = super().get_sitemap_urls(request)
        versions = self.get_translations(inclusive=True).live().public().select_related("locale")
        alternates = []
        for version in versions.order_by("locale__language_code"):
            location = version.get_full_url(request)
            if location:
                alternates.append({"lang_code": version.locale.language_code, "location": location})
                if version.locale.language_code == settings.LANGUAGE_CODE:
                    alternates.append({"lang_code": "x-default", "location": location})
        if len([a for a in alternates if a["lang_code"] != "x-default"]) > 1:
            for url in urls:
                url["alternates"] = alternates
        return urls


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
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every form that asks for consent (shown in each language)."),
    )
    social_media_handle = models.CharField(
        _("X/Twitter handle"), max_length=40, blank=True, help_text=_("Without the @.")
    )

    panels = [
        FieldPanel("default_social_image"),
        FieldPanel("privacy_policy_page"),
        FieldPanel("social_media_handle"),
    ]

    class Meta:
        verbose_name = _("site settings")
