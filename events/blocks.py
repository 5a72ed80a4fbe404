"""Blocks that only events use: the agenda and the outputs of a past event."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import DocumentDownloadBlock, VideoEmbedBlock
from home.blocks.text import PARAGRAPH_FEATURES
from home.localization import localized_all


class AgendaSessionValue(blocks.StructValue):
    def speakers_in_language(self):
        """The session's speakers in the visitor's language (one query)."""
        return localized_all(self.get("speakers") or [])


class AgendaSessionBlock(blocks.StructBlock):
    start_time = blocks.TimeBlock(
        label=_("Start"), help_text=_("Local time at the event, in its time zone.")
    )
    end_time = blocks.TimeBlock(label=_("End"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    speakers = blocks.ListBlock(
        SnippetChooserBlock("home.Person"), label=_("Speakers"), required=False, default=[]
    )

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/agenda_session.html"
        value_class = AgendaSessionValue


class AgendaBlock(blocks.StreamBlock):
    session = AgendaSessionBlock()

    class Meta:
        label = _("Agenda")


class OutputsBlock(blocks.StreamBlock):
    """What a past event leaves behind: a summary, documents, the recording."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=PARAGRAPH_FEATURES, template="blocks/paragraph_block.html"
    )
    document_download = DocumentDownloadBlock()
    recording = VideoEmbedBlock(label=_("Recording"))

    class Meta:
        label = _("Outputs")
