"""Feedback on an event: one response per registrant, its answers per question."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackResponse(models.Model):
    """One person's feedback on one event.

    It keeps the stakeholder group and region the person registered with, and the language
    they answered in, never who they are: `respondent` is a keyed hash of the registration
    and its secret (one response per person). Anonymising renews the secret, deleting
    removes the registration: from then on nothing leads from the answers to anyone.
    """

    # Answers are not content: Wagtail's reference index ("where is this used") leaves them
    # out, and saving one queues no index update.
    wagtail_reference_index_ignore = True

    event_key = models.UUIDField(_("event"), db_index=True, editable=False)
    page = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    respondent = models.CharField(max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=10, editable=False)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=80, blank=True)
    region = models.CharField(_("region"), max_length=80, blank=True)
    consent_to_quote = models.BooleanField(_("may be quoted"), default=False)
    submitted_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "respondent"], name="one_feedback_per_respondent"
            )
        ]

    def __str__(self):
        return f"#{self.pk}"


class FeedbackAnswer(models.Model):
    """The answer to one question (a block of the event's feedback form)."""

    wagtail_reference_index_ignore = True  # see FeedbackResponse

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("question"), max_length=64)
    kind = models.CharField(_("answer type"), max_length=20)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    # A choice: the option's place in the list (0 = the first).
    option = models.PositiveSmallIntegerField(_("option"), null=True, blank=True)
    # An enabling factor: the topic, in the source language (the same term in every language).
    factor = models.ForeignKey(
        "home.Topic",
        verbose_name=_("enabling factor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("answer"), blank=True, max_length=3000)
    # Staff's choice, possible only when the respondent agreed to be quoted.
    quotable = models.BooleanField(_("selected for quoting"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"#{self.response_id}: {self.question}"
