"""Choosing the written answers the campaign may quote: only those of respondents who
agreed to be quoted, without their name (their stakeholder group and region only)."""

from django.utils.translation import gettext_lazy as _

__all__ = ["NoConsent", "set_quotable"]


class NoConsent(Exception):
    """The respondent did not agree to be quoted: their words stay unquoted."""

    message = _(
        "This answer cannot be selected for quoting: the respondent did not agree to be quoted."
    )


def set_quotable(answer, selected):
    """Select `answer` (a written FeedbackAnswer) for quoting, or take it out again.

    Selecting needs the respondent's consent (`NoConsent` otherwise); taking out is always
    possible. Only the choice itself is saved, nothing else of the answer."""
    if selected and not answer.response.consent_to_quote:
        raise NoConsent
    if answer.quotable != selected:
        answer.quotable = selected
        answer.save(update_fields=["quotable"])
    return answer
