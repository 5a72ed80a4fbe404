"""The partner grid: partners shown with logo or name, in the page's language."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from ..localization import localized_all


class PartnerGridValue(blocks.StructValue):
    def partners_in_language(self):
        """The chosen partners in the visitor's language (one query, logos prefetched)."""
        partners = localized_all(self.get("partners") or [])
        prefetch_related_objects(partners, "logo__renditions")
        return partners


class PartnerGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    partners = blocks.ListBlock(SnippetChooserBlock("home.Partner"), label=_("Partners"))

    def get_preview_value(self):
        # The preview needs real partners: the first few, once each (in the source language;
        # the template shows them in the editor's language like on a page). The model comes
        # from the chooser: blocks are defined before the models that use them.
        Partner = self.child_blocks["partners"].child_block.target_model
        partners = Partner.objects.filter(locale=Locale.get_default())[:4]
        return self.normalize({"heading": _("Organisers and partners"), "partners": list(partners)})

    class Meta:
        icon = "group"
        label = _("Partners")
        help_text = _("Logos of chosen partners, each linked to its website.")
        template = "blocks/partner_grid_block.html"
        value_class = PartnerGridValue
        description = _("A grid of partner logos (or names), shown in the page's language.")
