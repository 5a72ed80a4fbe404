"""What an insight links to: its authors, its events, other insights, its documents.

Plain orderables, not translatable: wagtail-localize copies them to every translation, and
pages show the linked people, events and insights in the page's language.
"""

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from home.models.taxonomies import in_source_language

from .pages import InsightPage


class InsightPageAuthor(Orderable):
    """An author of the insight, in the order the editor chose."""

    page = ParentalKey(InsightPage, related_name="authors", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "home.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_source_language,
    )

    panels = [FieldPanel("person")]


class InsightPageEvent(Orderable):
    """An event this insight reports on; the event page lists it among its outputs."""

    insight = ParentalKey(InsightPage, related_name="event_links", on_delete=models.CASCADE)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="insight_links",
    )

    panels = [FieldPanel("event")]


class InsightPageRelatedInsight(Orderable):
    """An insight the editor recommends reading next."""

    page = ParentalKey(InsightPage, related_name="related_insight_links", on_delete=models.CASCADE)
    related = models.ForeignKey(
        InsightPage, verbose_name=_("insight"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]


def document_languages():
    return list(settings.LANGUAGES)


class InsightPageDocument(Orderable):
    """A downloadable document of a publication (e.g. the study as PDF) and its language."""

    page = ParentalKey(InsightPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=document_languages,
        help_text=_("The language the document is written in."),
    )

    panels = [FieldPanel("document"), FieldPanel("language")]

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def file_type(self):
        return self.document.file_extension.upper()

    @property
    def file_size(self):
        size = self.document.get_file_size()
        return "" if size is None else filesizeformat(size)
