"""The questions an event's feedback form is composed of.

Editors add them on the German page; translators translate their words. Each answer is
kept under its block's id, the same in every language version, so answers given in German,
English and French count together.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

# A rating runs from 1 to this.
RATING_SCALE = 5


class _QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=300)


class RatingQuestionBlock(_QuestionBlock):
    low_label = blocks.CharBlock(
        label=_("Meaning of 1"), required=False, max_length=60, help_text=_("e.g. “not at all”")
    )
    high_label = blocks.CharBlock(
        label=_("Meaning of 5"), required=False, max_length=60, help_text=_("e.g. “very much”")
    )

    class Meta:
        icon = "pick"
        label = _("Rating from 1 to 5")


class ChoiceQuestionBlock(_QuestionBlock):
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=120),
        label=_("Options"),
        min_num=2,
        # Two empty options to fill in: a new question is not marked wrong at once.
        default=["", ""],
        help_text=_(
            "Answers are counted by their place in this list: change the order only before "
            "the first answers arrive."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Choice")


class EnablingFactorQuestionBlock(_QuestionBlock):
    """A choice among the campaign's enabling factors (topics marked as such)."""

    class Meta:
        icon = "tag"
        label = _("Enabling factor")
        help_text = _(
            "The choices are the topics marked as enabling factors, in the respondent's "
            "language; the answers are ranked in the learnings dashboard."
        )


class FreeTextQuestionBlock(_QuestionBlock):
    class Meta:
        icon = "edit"
        label = _("Free text")
        help_text = _("Answers may be quoted only by people who agreed to it.")


class FeedbackFormBlock(blocks.StreamBlock):
    rating = RatingQuestionBlock()
    choice = ChoiceQuestionBlock()
    enabling_factor = EnablingFactorQuestionBlock()
    free_text = FreeTextQuestionBlock()

    class Meta:
        label = _("Feedback form")
