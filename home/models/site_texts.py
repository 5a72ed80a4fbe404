"""Words the site shows on every page, editable and translatable by staff."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from campaign_site.cache import cached

from ..localization import active_locale, in_language_or_source


class OnePerLanguage(TranslatableMixin, models.Model):
    """A snippet that exists once per language: its translations, never a second copy."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if not self.locale_id:
            return
        others = type(self).objects.filter(locale_id=self.locale_id)
        if others.exclude(translation_key=self.translation_key).exclude(pk=self.pk).exists():
            raise ValidationError(
                _(
                    "This language already has its %(name)s. Edit that one, or translate the "
                    "source language's version into this language."
                )
                % {"name": self._meta.verbose_name}
            )


class SiteTexts(OnePerLanguage):
    """The site's name, tagline and standard texts in one language."""

    site_name = models.CharField(
        _("site name"),
        max_length=80,
        help_text=_("Shown in the header and when a page is shared."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=120,
        blank=True,
        help_text=_("One line under the site name in the header."),
    )
    default_description = models.TextField(
        _("default description"),
        max_length=300,
        blank=True,
        help_text=_("For search engines and sharing, when a page has no description of its own."),
    )
    default_social_image_alt = models.CharField(
        _("alternative text of the default social image"),
        max_length=250,
        blank=True,
        help_text=_("What the default social image (Site settings) shows, in this language."),
    )
    registration_notice = RichTextField(
        _("note on registration forms"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("E.g. what happens with the registrants' data. Shown under every form."),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("default_description"),
        FieldPanel("default_social_image_alt"),
        FieldPanel("registration_notice"),
    ]

    class Meta(OnePerLanguage.Meta):
        verbose_name = _("site texts")
        verbose_name_plural = _("site texts")

    def __str__(self):
        return str(_("Site texts (%(language)s)") % {"language": self.locale.get_display_name()})

    @classmethod
    def for_request(cls, request):
        """The texts in the active language, else the source language's; None if neither.

        Cached until content changes, and kept on the request: header, head and forms ask
        for them on the same page.
        """
        active = active_locale()
        memo = getattr(request, "_site_texts", None) if request is not None else None
        if memo is None:
            memo = {}
            if request is not None:
                request._site_texts = memo
        if active.pk not in memo:

            def build():
                return in_language_or_source(cls.objects.all(), active)

            memo[active.pk] = cached(f"site-texts:{active.pk}", build, request=request)
        return memo[active.pk]
