"""The block library shared by every page type.

Issue "Campaign overview, shared block library" grows this into the full set; every page's
body uses `BodyBlock` so a new block becomes available everywhere at once.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        help_text = _("A section heading (h2).")
        template = "blocks/heading_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        help_text=_("Running text. Use heading blocks for section titles."),
        template="blocks/paragraph_block.html",
        icon="pilcrow",
    )

    class Meta:
        label = _("Body")
