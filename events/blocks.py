"""Blocks that only events use: the agenda, the outputs of a past event, the registration.

Each has a preview in the block picker: sample content and a description.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import DocumentDownloadBlock, VideoEmbedBlock
from home.blocks.text import PARAGRAPH_FEATURES, _rich_text
from home.localization import localized_all


class AgendaSessionValue(blocks.StructValue):
    def speakers_in_language(self):
        """The session's speakers in the visitor's language (one query)."""
        return localized_all(self.get("speakers") or [])


class AgendaSessionBlock(blocks.StructBlock):
    day = blocks.DateBlock(
        label=_("Day"),
        required=False,
        help_text=_("For events over several days. Empty: the first day."),
    )
    start_time = blocks.TimeBlock(
        label=_("Start"), help_text=_("Local time at the event, in its time zone.")
    )
    end_time = blocks.TimeBlock(label=_("End"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    room = blocks.CharBlock(
        label=_("Room or track"),
        max_length=120,
        required=False,
        default="",
        help_text=_("Optional."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)
    speakers = blocks.ListBlock(
        SnippetChooserBlock("home.Person"), label=_("Speakers"), required=False, default=[]
    )

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/agenda_session.html"
        value_class = AgendaSessionValue
        preview_template = "events/blocks/agenda_session_preview.html"
        description = _("One item of the programme: time, title, description and speakers.")
        preview_value = {
            "start_time": datetime.time(14, 0),
            "end_time": datetime.time(15, 30),
            "title": _("Panel: what makes partnerships for the SDGs work"),
            "description": _("Partners from government, business and civil society compare notes."),
            "speakers": [],
        }


class AgendaBlock(blocks.StreamBlock):
    session = AgendaSessionBlock()

    class Meta:
        label = _("Agenda")


class OutputsBlock(blocks.StreamBlock):
    """What a past event leaves behind: a summary, documents, the recording."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("What happened and what came out of it."),
        preview_value=_rich_text(
            _("Forty participants agreed on three next steps for partnerships in their region.")
        ),
    )
    document_download = DocumentDownloadBlock()
    recording = VideoEmbedBlock(label=_("Recording"))

    class Meta:
        label = _("Outputs")


class QuestionBlock(blocks.StructBlock):
    """A question staff add to an event's registration form."""

    KINDS = [
        ("short_text", _("Short text")),
        ("long_text", _("Long text")),
        ("single_choice", _("Single choice")),
        ("multiple_choice", _("Multiple choice")),
        ("checkbox", _("Checkbox (yes/no)")),
    ]

    label = blocks.CharBlock(label=_("Question"), max_length=200)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=300)
    kind = blocks.ChoiceBlock(label=_("Answer type"), choices=KINDS, default="short_text")
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=120),
        label=_("Options"),
        required=False,
        default=[],
        help_text=_("For single and multiple choice: one option per line."),
    )
    required = blocks.BooleanBlock(label=_("Required"), required=False, default=False)

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] in ("single_choice", "multiple_choice") and len(value["options"]) < 2:
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(_("Give at least two options."))}
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")


class RegistrationWindowMixin(blocks.StructBlock):
    opens_at = blocks.DateTimeBlock(
        label=_("Registration opens"), required=False, help_text=_("Empty: open now.")
    )
    closes_at = blocks.DateTimeBlock(
        label=_("Registration closes"),
        required=False,
        help_text=_("Empty: open until the event starts."),
    )

    def clean(self, value):
        value = super().clean(value)
        if (
            value.get("opens_at")
            and value.get("closes_at")
            and value["closes_at"] <= value["opens_at"]
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "closes_at": ValidationError(_("Registration must close after it opens."))
                }
            )
        return value


class ExternalRegistrationBlock(RegistrationWindowMixin):
    url = blocks.URLBlock(label=_("Registration address"), help_text=_("The other tool's form."))
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60, default=_("Register"))

    class Meta:
        icon = "link-external"
        label = _("External registration")
        help_text = _("Registration in another tool: visitors get a button that leads there.")
        preview_template = "events/blocks/registration_preview.html"
        description = _("A button to a registration form in another tool.")
        preview_value = {"url": "https://example.org/register", "button_label": _("Register")}


class OnSiteRegistrationBlock(RegistrationWindowMixin):
    capacity = blocks.IntegerBlock(
        label=_("Places"), min_value=1, help_text=_("How many people can take part.")
    )
    waiting_list = blocks.BooleanBlock(
        label=_("Keep a waiting list"),
        required=False,
        default=True,
        help_text=_("When full, further registrations wait for a place that becomes free."),
    )
    questions = blocks.ListBlock(
        QuestionBlock(), label=_("Additional questions"), required=False, default=[]
    )

    class Meta:
        icon = "form"
        label = _("Registration form on this site")
        help_text = _("People register on the event page; you see the list in the admin.")
        preview_template = "events/blocks/registration_preview.html"
        description = _(
            "A form on the event page with a number of places, a waiting list and your own "
            "questions."
        )
        preview_value = {"capacity": 60, "waiting_list": True, "questions": []}


class RegistrationBlock(blocks.StreamBlock):
    external = ExternalRegistrationBlock()
    on_site = OnSiteRegistrationBlock()

    def clean(self, value):
        value = super().clean(value)
        if len(value) > 1:
            raise blocks.StreamBlockValidationError(
                non_block_errors=ValidationError(
                    _("An event has at most one registration. Remove one of the two blocks.")
                )
            )
        return value

    class Meta:
        label = _("Registration")
