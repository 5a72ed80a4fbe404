"""Partners: the campaign's organisers and the organisations that support it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Partner(TranslatableMixin, index.Indexed, models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in addresses of filtered lists; the same in every language."),
    )
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("E.g. “UN DESA”, if commonly used.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Give the image a description: it is the logo's alternative text."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=100, help_text=_("Lower numbers are listed first.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        FieldPanel("role"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.FilterField("locale_id"),
    ]
    # A logo or website may differ per language (e.g. a localised logo); the role may not.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("short_name"),
        TranslatableField("description"),
        SynchronizedField("logo", overridable=True),
        SynchronizedField("website", overridable=True),
        SynchronizedField("role"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_partner_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name
