"""Blocks only insights use: key takeaways, the facts of a partnership example and the
campaign's evidence (live figures for the study).

The insight body is the shared `BodyBlock` plus these three.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from events.reports.evidence import current_evidence
from home.blocks import BodyBlock
from home.localization import active_locale
from home.models import SustainableDevelopmentGoal
from home.reference_data import SDGS


def sdg_choices():
    """The 17 goals by number, for editors (names in the admin's language come later)."""
    return [(str(number), str(number)) for number, *_rest in SDGS]


class KeyTakeawaysBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("Leave empty for “Key takeaways”."),
    )
    items = blocks.ListBlock(
        blocks.TextBlock(label=_("Takeaway")), label=_("Takeaways"), min_num=1, max_num=7
    )

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        help_text = _("The few points a reader should remember, one sentence each.")
        template = "insights/blocks/key_takeaways_block.html"
        description = _("A short list of the main points, highlighted.")
        preview_value = {
            "heading": "",
            "items": [
                _("Trust between partners grows through regular, open exchange."),
                _("Shared goals are agreed early and revisited together."),
            ],
        }


class PartnershipFactsValue(blocks.StructValue):
    def goals(self):
        """The chosen SDGs in the visitor's language, in goal order."""
        numbers = [int(number) for number in self.get("sdgs") or []]
        if not numbers:
            return []
        return list(
            SustainableDevelopmentGoal.objects.filter(locale=active_locale(), number__in=numbers)
        )


class PartnershipExampleFactsBlock(blocks.StructBlock):
    partners = blocks.ListBlock(
        blocks.CharBlock(label=_("Partner"), max_length=200),
        label=_("Partners involved"),
        min_num=1,
        help_text=_("Who works together, e.g. “a national sustainable development council”."),
    )
    region = blocks.CharBlock(
        label=_("Region"), max_length=120, required=False, help_text=_("Where, e.g. a country.")
    )
    sdgs = blocks.MultipleChoiceBlock(
        label=_("SDGs"), choices=sdg_choices, required=False, help_text=_("Goal numbers.")
    )
    period = blocks.CharBlock(
        label=_("Period"), max_length=80, required=False, help_text=_("E.g. “since 2019”.")
    )
    outcome = blocks.TextBlock(
        label=_("Outcome"), required=False, help_text=_("What the partnership has achieved.")
    )

    class Meta:
        icon = "group"
        label = _("Partnership example facts")
        help_text = _("The facts of a partnership example at a glance.")
        template = "insights/blocks/partnership_example_facts_block.html"
        value_class = PartnershipFactsValue
        description = _("Partners, region, SDGs, period and outcome of a partnership.")
        preview_value = {
            "partners": [
                _("A national sustainable development council"),
                _("Municipalities"),
                _("Civil society organisations"),
            ],
            "region": _("UNECE region"),
            "sdgs": ["11", "17"],
            "period": _("since 2019"),
            "outcome": _("A shared local action plan for the SDGs."),
        }


class EvidenceValue(blocks.StructValue):
    def evidence(self):
        """The campaign's figures now (`events.reports.evidence`), names in the visitor's
        language."""
        return current_evidence()


class EvidenceBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("Leave empty for “Evidence from the campaign”."),
    )
    intro = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        help_text=_("Optional: a sentence on what the figures show."),
    )

    class Meta:
        icon = "table"
        label = _("Evidence from the campaign")
        help_text = _(
            "Counted live from the campaign's past events: events with participants, "
            "participants (those who came where attendance was recorded, else those "
            "confirmed), their stakeholder groups, feedback responses and the enabling "
            "factors named most often."
        )
        template = "blocks/evidence_block.html"
        value_class = EvidenceValue
        description = _("The campaign's figures, always up to date: events, participants, groups.")
        preview_value = {
            "heading": "",
            "intro": _("What the study draws on, counted from the campaign's events."),
        }


class InsightBodyBlock(BodyBlock):
    key_takeaways = KeyTakeawaysBlock()
    partnership_facts = PartnershipExampleFactsBlock()
    evidence = EvidenceBlock()

    class Meta:
        label = _("Body")
