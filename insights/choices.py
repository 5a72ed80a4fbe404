"""Choices an insight is described by, shared by its models, listing and feeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InsightType(models.TextChoices):
    NEWS = "news", _("News")
    LEARNING = "learning", _("Learning")
    CASE = "case", _("Partnership example")
    INTERVIEW = "interview", _("Interview")
    PUBLICATION = "publication", _("Publication")
