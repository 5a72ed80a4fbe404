"""The main menu and the footer: translatable snippets, one of each per language."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .site_texts import OnePerLanguage


class Link(models.Model):
    """A link to a page of the site or to an external address, with an optional label."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external address"), blank=True)
    label = models.CharField(
        _("label"),
        max_length=80,
        blank=True,
        help_text=_("Leave empty to use the page's title."),
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.label or (self.link_page.title if self.link_page_id else self.link_url)

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            message = _("Choose either a page or an external address.")
            raise ValidationError({"link_page": message, "link_url": message})
        if self.link_url and not self.label:
            raise ValidationError({"label": _("A link to an external address needs a label.")})

    # Page links are synchronised, not translated: they point at the source page, and the
    # navigation shows that page's translation in the visitor's language (see
    # home.localization.localized_all), falling back to the source page.


class MainMenu(OnePerLanguage, ClusterableModel):
    """The header's main navigation in one language."""

    panels = [InlinePanel("items", heading=_("Menu items"), label=_("menu item"))]

    class Meta(OnePerLanguage.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return str(_("Main menu (%(language)s)") % {"language": self.locale.get_display_name()})


class MainMenuItem(TranslatableMixin, Link, Orderable):
    menu = ParentalKey(MainMenu, related_name="items", on_delete=models.CASCADE)

    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class Footer(OnePerLanguage, ClusterableModel):
    """The footer's text and links in one language."""

    text = RichTextField(
        _("text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("E.g. who runs the campaign, and how to reach them."),
    )

    panels = [
        FieldPanel("text"),
        InlinePanel("links", heading=_("Links"), label=_("link")),
    ]

    class Meta(OnePerLanguage.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})


class FooterLink(TranslatableMixin, Link, Orderable):
    footer = ParentalKey(Footer, related_name="links", on_delete=models.CASCADE)

    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass
