"""Text blocks: headings, quotes, calls to action, key figures and FAQs."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import translation
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from campaign_site.cache import cached

from ..localization import localized

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


def _rich_text(text):
    """Sample rich text for previews; the wrapping tag stays out of the translated message."""
    return format_lazy("<p>{}</p>", text)


class HeadingValue(blocks.StructValue):
    @property
    def tag(self):
        """The element name; only the two levels a body heading may have reach the HTML."""
        return "h3" if self.get("level") == "h3" else "h2"

    @property
    def anchor_id(self):
        """The id for deep links: the editor's anchor, or else a slug of the heading text.

        (Not named `anchor`: templates look up the child block of that name first.)
        """
        return self.get("anchor") or slugify(self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
        help_text=_("Use a subheading only below a section heading."),
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=80,
        validators=[validate_slug],
        help_text=_(
            "For links to this section (…/page/#anchor): letters, digits, hyphens, no spaces. "
            "Leave empty to derive it from the heading."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        help_text = _("A section heading; visitors can link straight to it.")
        template = "blocks/heading_block.html"
        value_class = HeadingValue
        description = _("Starts a section. Shown in the page outline and linkable.")
        preview_value = {"text": _("Why partnerships matter"), "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(
        label=_("Role or organisation"),
        required=False,
        max_length=160,
        help_text=_("E.g. “Director, UN DESA”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        help_text = _("A statement, with the name of the person who made it.")
        template = "blocks/quote_block.html"
        description = _("A highlighted statement by a named person.")
        preview_value = {
            "text": _(
                "No single actor can achieve the Sustainable Development Goals alone. "
                "Partnerships turn shared goals into shared action."
            ),
            "attribution": "Amina Diallo",
            "role": _("Programme officer, partner organisation"),
        }


class CallToActionValue(blocks.StructValue):
    def href_for(self, request=None):
        """Where the button leads: the page in the visitor's language, or the external address.

        With the request, the site's addresses are those its page has read already."""
        page = self.get("page")
        if page:
            host = request.get_host() if request is not None else ""
            key = f"page-url:{host}:{page.pk}:{translation.get_language()}"
            return cached(key, lambda: localized(page).get_url(request) or "", request=request)
        return self.get("url") or ""

    @property
    def href(self):
        return self.href_for()

    @property
    def is_external(self):
        return not self.get("page") and bool(self.get("url"))


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(
        label=_("Button label"),
        max_length=60,
        help_text=_("Say what happens, e.g. “Read the study”."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page on this site"),
        required=False,
        help_text=_("Either a page on this site…"),
    )
    url = blocks.URLBlock(
        label=_("External address"),
        required=False,
        help_text=_("…or an address on another site."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["href"] = value.href_for((parent_context or {}).get("request"))
        return context

    def clean(self, value):
        """Exactly one link target: a button without one leads nowhere, two are ambiguous."""
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page and has_url:
            message = _("Choose either a page on this site or an external address, not both.")
        elif not has_page and not has_url and not self.is_deferred_validation:
            message = _("Choose a page on this site or enter an external address.")
        else:
            return value
        raise blocks.StructBlockValidationError(
            block_errors={"page": ValidationError(message), "url": ValidationError(message)}
        )

    class Meta:
        icon = "link"
        label = _("Call to action")
        help_text = _("A short invitation with one button, e.g. to register or read the study.")
        template = "blocks/call_to_action_block.html"
        value_class = CallToActionValue
        description = _("A highlighted box with one button: the next step for visitors.")
        preview_value = {
            "heading": _("Find partners"),
            "text": _("The UN's SDG Partnerships Platform shows partnerships from every region."),
            "button_label": _("Visit the platform"),
            "url": "https://sdgs.un.org/partnerships",
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("E.g. “17” or “2030”."))
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=160)

    class Meta:
        icon = "decimal"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "decimal"
        label = _("Key figures")
        help_text = _("A few numbers that tell the story at a glance.")
        template = "blocks/key_figures_block.html"
        description = _("Large numbers with a short label each, and their sources.")
        preview_value = {
            "heading": _("The 2030 Agenda in numbers"),
            "figures": [
                {"value": "17", "label": _("Sustainable Development Goals"), "source": ""},
                {"value": "169", "label": _("targets"), "source": ""},
                {
                    "value": "2030",
                    "label": _("the year the goals are due"),
                    "source": _("United Nations, 2015"),
                },
            ],
        }


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        help_text = _("Frequently asked questions; each answer opens under its question.")
        template = "blocks/accordion_block.html"
        description = _("Questions that open to show their answers, e.g. an FAQ.")
        preview_value = {
            "heading": _("Frequently asked questions"),
            "items": [
                {
                    "question": _("Who can take part in the events?"),
                    "answer": _rich_text(
                        _("Everyone working on partnerships for the SDGs is welcome.")
                    ),
                },
                {
                    "question": _("Is there a fee?"),
                    "answer": _rich_text(_("No, all events of the campaign are free.")),
                },
            ],
        }
