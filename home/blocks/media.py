"""Media blocks: images, video behind consent, document downloads and tables."""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block import blocks as table_blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail_localize.segments import StringSegmentValue

from ..localization import in_language


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=120,
        help_text=_("E.g. “Photo: UN Photo”."),
    )

    def get_preview_value(self):
        # The preview needs a real image: show the newest one in the library, if any.
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {
                "image": {
                    "image": image,
                    "alt_text": image and image.default_alt_text,
                    "decorative": False,
                },
                "caption": _("Participants discuss the enablers of partnerships."),
                "credit": _("Photo: Campaign team"),
            }
        )

    class Meta:
        icon = "image"
        label = _("Image")
        help_text = _("An image with alternative text, and optionally a caption and a credit.")
        template = "blocks/image_block.html"
        description = _("A photo or graphic, sized for every screen.")


class VideoEmbedValue(blocks.StructValue):
    @cached_property
    def embed(self):
        """The provider's embed, or None if it cannot be fetched (offline, unknown provider)."""
        video = self.get("video")
        if not video:
            return None
        try:
            return embeds.get_embed(video.url)
        except EmbedException:
            return None

    @property
    def watch_url(self):
        video = self.get("video")
        return video.url if video else ""

    @property
    def provider_name(self):
        """Who receives the visitor's data: the provider's name, or at least its host name."""
        if self.embed and self.embed.provider_name:
            return self.embed.provider_name
        host = urlsplit(self.watch_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def embed_html(self):
        # The provider's HTML is trusted as Wagtail trusts it; it only goes into a <template>.
        return mark_safe(self.embed.html) if self.embed else ""


class VideoEmbedBlock(blocks.StructBlock):
    """A video that loads from its provider only after the visitor asks for it.

    Until then the page shows a placeholder naming the provider; the provider's HTML waits
    inert in a <template> for `js/embed-consent.js`. Without JavaScript, a plain link to the
    video on the provider's site remains.
    """

    video = EmbedBlock(
        label=_("Video address"),
        help_text=_("The address of the video, e.g. on YouTube or Vimeo."),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=160,
        help_text=_("What the video shows; screen readers announce it, and it names the link."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video")
        help_text = _("Visitors first see a notice and load the video only if they agree.")
        template = "blocks/video_embed_block.html"
        value_class = VideoEmbedValue
        description = _(
            "A video from YouTube, Vimeo and similar, loaded only after the visitor consents."
        )
        preview_value = {
            "video": "https://www.youtube.com/@UnitedNations",
            "title": _("Recording of the side event at the ECOSOC Partnership Forum"),
            "caption": _("Speakers from government, civil society and business."),
        }


def document_languages():
    return list(settings.LANGUAGES)


class DocumentDownloadValue(blocks.StructValue):
    @property
    def title(self):
        document = self.get("document")
        return self.get("title_override") or (document.title if document else "")

    @property
    def url(self):
        document = self.get("document")
        return document.url if document else ""

    @property
    def file_type(self):
        """The extension in capitals ("PDF"), as visitors know file types."""
        document = self.get("document")
        return document.file_extension.upper() if document else ""

    @property
    def file_size(self):
        """The size in the visitor's language ("2,3 MB"), or "" if the file is missing."""
        document = self.get("document")
        size = document.get_file_size() if document else None
        return "" if size is None else filesizeformat(size)

    @property
    def other_language(self):
        """ "in German" when the document is written in another language than the page's
        reader reads (and the editor said which), else ""."""
        written_in = self.get("language") or ""
        return in_language(written_in) if written_in and written_in != get_language() else ""

    @property
    def file_details(self):
        """Type, size and a language other than the reader's for the link text, e.g. "PDF,
        2.3 MB, in German", leaving out what is unknown."""
        details = (self.file_type, self.file_size, self.other_language)
        return ", ".join(detail for detail in details if detail)


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title_override = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=160,
        help_text=_("Leave empty to use the document's own title."),
    )
    language = blocks.ChoiceBlock(
        label=_("Language of the document"),
        choices=document_languages,
        required=False,
        help_text=_("Readers of other languages are told it, e.g. “PDF, 2 MB, in German”."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    def get_preview_value(self):
        # The preview needs a real document: show the newest one, if any.
        document = get_document_model().objects.order_by("-created_at").first()
        return self.normalize(
            {
                "document": document,
                "description": _("The study on the factors that enable partnerships."),
            }
        )

    class Meta:
        icon = "download"
        label = _("Download")
        help_text = _("A link to a document, with its file type and size.")
        template = "blocks/document_download_block.html"
        value_class = DocumentDownloadValue
        description = _("A document to download, e.g. the study, with type and size shown.")


class TableBlock(table_blocks.TableBlock):
    """Wagtail's table, with a caption required so everyone learns what the table shows.

    wagtail-localize knows only Wagtail's core blocks: a table's caption and cells would be
    copied untranslated into every language. They are offered to translators here, one
    segment each (empty cells are left out).
    """

    def get_translatable_segments(self, value):
        value = value or {}
        segments = []
        caption = value.get("table_caption") or ""
        if caption.strip():
            segments.append(StringSegmentValue("caption", caption))
        for row_number, row in enumerate(value.get("data") or []):
            for column_number, cell in enumerate(row or []):
                if isinstance(cell, str) and cell.strip():
                    segments.append(StringSegmentValue(f"cell-{row_number}-{column_number}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        value = copy.deepcopy(value)
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            elif segment.path.startswith("cell-"):
                row_number, column_number = (int(part) for part in segment.path.split("-")[1:])
                value["data"][row_number][column_number] = text
        return value

    def clean(self, value):
        value = super().clean(value)
        caption = (value or {}).get("table_caption") or ""
        if value and not caption.strip() and not self.is_deferred_validation:
            raise ValidationError(
                _("Give the table a caption: it tells everyone what the table shows.")
            )
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table_block.html"
        description = _("Data in rows and columns, with a caption and header cells.")
        preview_value = {
            "table_caption": _("Events of the campaign"),
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [
                [_("Event"), _("Place"), _("Year")],
                [_("ECOSOC Partnership Forum, side event"), _("New York"), "2023"],
                [_("Regional Forum on Sustainable Development"), _("Geneva"), "2024"],
            ],
        }
