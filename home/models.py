from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import BodyBlock


class HomePage(Page):
    """The campaign overview: the root page of the site in each language."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The campaign's purpose in one or two sentences, shown under the title."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["events.EventIndexPage", "insights.InsightIndexPage"]

    class Meta:
        verbose_name = _("campaign overview")
        verbose_name_plural = _("campaign overviews")
