"""Taxonomies that tag events and insights: the 17 SDGs, regions, stakeholder groups, topics.

Each is a translatable snippet: one row per language, linked by `translation_key`. Numbers,
colours and slugs are the same in every language; names are translated.
"""

from django_countries.fields import CountryField

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..localization import localized_all


class TagNames:
    """A tagged page's tags as the words it shows, in its language (fields of the API).

    For page models with `sdgs`, `regions`, `topics` and `stakeholder_groups` (`tag_field`).
    """

    def sdg_numbers(self):
        return sorted(goal.number for goal in self.sdgs.all())

    def region_names(self):
        return self.names_in_language(self.regions)

    def topic_names(self):
        return self.names_in_language(self.topics)

    def stakeholder_group_names(self):
        return self.names_in_language(self.stakeholder_groups)

    def names_in_language(self, terms):
        """The names of related snippets (tags, partners) in the page's language."""
        return [term.name for term in localized_all(list(terms.all()), self.locale)]


def in_source_language():
    """Limit choosers to terms in the source language: pages are tagged once, on the source,
    and show the terms in each visitor's language."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


def tag_field(model, verbose_name):
    """A page's tags of one kind: chosen on the source page among source-language terms,
    copied to translations (declare it a SynchronizedField), shown in each language."""
    from modelcluster.fields import ParentalManyToManyField

    return ParentalManyToManyField(
        model,
        verbose_name=verbose_name,
        blank=True,
        related_name="+",
        limit_choices_to=in_source_language,
    )


hex_colour = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour like #19486A."))


def relative_luminance(hex_value):
    """WCAG relative luminance of a #RRGGBB colour."""
    channels = [int(hex_value[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    """WCAG contrast ratio between two #RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class SustainableDevelopmentGoal(TranslatableMixin, index.Indexed, models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_name = models.CharField(
        _("short name"), max_length=80, help_text=_("The official short name, e.g. “No poverty”.")
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[hex_colour],
        help_text=_("The goal's official colour as #RRGGBB."),
    )

    panels = [FieldPanel("number"), FieldPanel("short_name"), FieldPanel("colour")]
    search_fields = [index.SearchField("short_name"), index.FilterField("locale_id")]
    translatable_fields = [
        TranslatableField("short_name"),
        SynchronizedField("number"),
        SynchronizedField("colour"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "number"], name="unique_sdg_number_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.short_name}"

    @property
    def text_colour(self):
        """Black or white, whichever reads better on the goal's colour (for the number badge)."""
        return (
            "#000000"
            if contrast_ratio(self.colour, "#000000") >= contrast_ratio(self.colour, "#ffffff")
            else "#ffffff"
        )


class Taxonomy(TranslatableMixin, index.Indexed, models.Model):
    """A named term with a slug that is the same in every language (used in filter URLs)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Used in addresses of filtered lists; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(Taxonomy):
    # Which countries belong to the region: registrants give their country, and balance
    # rules per region count them by it (events.registration.balance).
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("Registrants from these countries count for this region."),
    )

    panels = Taxonomy.panels + [FieldPanel("countries")]
    translatable_fields = Taxonomy.translatable_fields + [SynchronizedField("countries")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_region_slug_per_locale")
        ]


class StakeholderGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_stakeholder_group_slug_per_locale"
            )
        ]


class Topic(Taxonomy):
    """A topic, or a factor that enables partnerships (the study's subject)."""

    description = models.TextField(_("description"), blank=True)
    is_enabling_factor = models.BooleanField(
        _("enabling factor"),
        default=False,
        help_text=_("A factor that enables partnerships, as identified by the campaign's study."),
    )

    panels = Taxonomy.panels + [FieldPanel("description"), FieldPanel("is_enabling_factor")]
    translatable_fields = Taxonomy.translatable_fields + [
        TranslatableField("description"),
        SynchronizedField("is_enabling_factor"),
    ]

    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]
