"""The block library shared by every page type.

Every page's body uses `BodyBlock`, so a block added here is available everywhere at once.
What a template needs but an editor does not type (an anchor, a link target, a file size, the
video provider) is computed on a `StructValue` subclass; templates only display values.
Each block has a preview for the block picker: sample campaign content and a description.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .media import CaptionedImageBlock, DocumentDownloadBlock, TableBlock, VideoEmbedBlock
from .partners import PartnerGridBlock
from .text import (
    PARAGRAPH_FEATURES,
    AccordionBlock,
    CallToActionBlock,
    HeadingBlock,
    KeyFiguresBlock,
    QuoteBlock,
    _rich_text,
)

__all__ = [
    "AccordionBlock",
    "BodyBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "DocumentDownloadBlock",
    "HeadingBlock",
    "KeyFiguresBlock",
    "PartnerGridBlock",
    "QuoteBlock",
    "TableBlock",
    "VideoEmbedBlock",
]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=PARAGRAPH_FEATURES,
        help_text=_("Running text. Use heading blocks for section titles."),
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("Running text with links, lists and emphasis."),
        preview_value=_rich_text(
            _(
                "Multi-stakeholder partnerships bring together governments, civil society, "
                "business and academia to achieve the Sustainable Development Goals."
            )
        ),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = VideoEmbedBlock()
    key_figures = KeyFiguresBlock()
    partner_grid = PartnerGridBlock()
    accordion = AccordionBlock()
    document_download = DocumentDownloadBlock()
    table = TableBlock(
        help_text=_("Only for data. Give it a caption and mark the header row or column.")
    )

    class Meta:
        label = _("Body")
