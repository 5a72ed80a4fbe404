"""The speakers of an event, in the order the editor chose (shown in the page's language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from home.models.taxonomies import in_source_language

from .pages import EventPage


class EventPageSpeaker(Orderable):
    """A speaker of the event, in the order the editor chose."""

    page = ParentalKey(EventPage, related_name="speakers", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "home.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_source_language,
    )

    panels = [FieldPanel("person")]
