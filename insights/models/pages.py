"""The insight page: type, tags, reading time, related content. The index is in `index.py`;
what an insight links to (authors, events, insights, documents) is in `links.py`."""

import math

from django import forms
from django.db import models
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaign_site.cache import cached
from events.registration.setup import EVIDENCE_VERSION_KEY
from events.reports.evidence import evidence_changes_at
from home.models import CampaignPage
from home.models.taxonomies import TagNames, tag_field
from home.structured_data import json_ld_script, site_name

from ..blocks import InsightBodyBlock
from ..choices import InsightType
from ..structured_data import article_json_ld
from .related import RelatedContent

WORDS_PER_MINUTE = 200


class InsightPage(RelatedContent, TagNames, CampaignPage):
    """An article: campaign news, a learning, a partnership example, an interview, the study."""

    insight_type = models.CharField(
        _("type"), max_length=20, choices=InsightType.choices, default=InsightType.NEWS
    )
    teaser = models.TextField(
        _("teaser"), blank=True, help_text=_("One or two sentences for listings and previews.")
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Leave empty to use the day the insight is first published."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(InsightBodyBlock(), verbose_name=_("body"), blank=True)
    # Computed from the body on save, so listings can show it without loading bodies.
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time in minutes"), default=1, editable=False
    )

    citation = models.TextField(
        _("recommended citation"),
        blank=True,
        help_text=_("For publications: how to cite it, e.g. authors, year, title, publisher."),
    )

    sdgs = tag_field("home.SustainableDevelopmentGoal", _("SDGs"))
    regions = tag_field("home.Region", _("regions"))
    topics = tag_field("home.Topic", _("topics and enabling factors"))
    stakeholder_groups = tag_field("home.StakeholderGroup", _("stakeholder groups"))
    partners = tag_field("home.Partner", _("partners"))

    content_panels = CampaignPage.content_panels + [
        FieldPanel("insight_type"),
        FieldPanel("teaser"),
        FieldPanel("publication_date"),
        FieldPanel("hero_image"),
        InlinePanel("authors", heading=_("Authors"), label=_("author")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("documents", label=_("document")),
                FieldPanel("citation"),
            ],
            heading=_("Publication: documents and citation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stakeholder_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Tags"),
        ),
        InlinePanel("event_links", heading=_("Learnings from these events"), label=_("event")),
        InlinePanel(
            "related_insight_links",
            heading=_("Related insights"),
            label=_("insight"),
            help_text=_("Leave empty to show insights that share SDGs, regions or topics."),
        ),
    ]

    search_fields = CampaignPage.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("insight_type"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["insights.InsightIndexPage"]

    cache_for_visitors = True
    subpage_types = []

    def page_cache_policy(self, request):
        """A kept view of an insight showing the campaign's evidence (live figures) follows
        the evidence's version (raised by every registration, attendance and feedback
        change) and ends when an event ends."""
        if not any(block.block_type == "evidence" for block in self.body):
            return (), None
        return (EVIDENCE_VERSION_KEY,), evidence_changes_at(timezone.now())

    # What partners may reuse through the API: what the public page shows.
    api_fields = [
        APIField("insight_type"),
        APIField("teaser"),
        APIField("publication_date"),
        APIField("reading_minutes"),
        APIField("hero_image"),
        APIField(
            "hero_image_rendition",
            serializer=ImageRenditionField("fill-1200x675", source="hero_image"),
        ),
        APIField("author_names"),
        APIField("sdg_numbers"),
        APIField("region_names"),
        APIField("topic_names"),
        APIField("stakeholder_group_names"),
        APIField("partner_names"),
        APIField("citation"),
        APIField("body"),
    ]

    # Type, date and tags are the same insight in every language; only words are translated.
    override_translatable_fields = [
        SynchronizedField("insight_type"),
        SynchronizedField("publication_date"),
        SynchronizedField("sdgs"),
        SynchronizedField("regions"),
        SynchronizedField("topics"),
        SynchronizedField("stakeholder_groups"),
        SynchronizedField("partners"),
    ]

    og_type = "article"

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def get_main_image(self):
        return self.hero_image

    @property
    def is_publication(self):
        return self.insight_type == InsightType.PUBLICATION

    # --- computed on save -----------------------------------------------------------------

    def body_text(self):
        """The body's words as plain text (what search indexes and readers read)."""
        pieces = self.body.stream_block.get_searchable_content(self.body)
        return " ".join(strip_tags(str(piece)) for piece in pieces)

    def reading_time(self):
        """Minutes to read the body, at 200 words a minute; at least one."""
        words = len(self.body_text().split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def save(self, *args, **kwargs):
        # An empty publication date becomes the day of first publication (editors may change it).
        if self.publication_date is None and self.first_published_at is not None:
            self.publication_date = timezone.localdate(self.first_published_at)
        self.reading_minutes = self.reading_time()
        return super().save(*args, **kwargs)

    # --- API: tags and authors as the words the page shows, in its language ------------------

    def author_names(self):
        return [person.name for person in self.authors_in_language()]

    def partner_names(self):
        return self.names_in_language(self.partners)

    def pdf_in_language(self, documents=None):
        """The publication's first PDF in the page's language, or None.

        What the page cites as its full text (`citation_pdf_url`): never a document in
        another language, which reference managers would file under the wrong language.
        """
        if documents is None:
            documents = list(self.documents.select_related("document"))
        for item in documents:
            if item.language == self.locale.language_code and item.file_type == "PDF":
                return item
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Who and what the insight is about, in its language: the same until content
        # changes, so cached (see campaign_site.cache) rather than read on every view.
        built = []

        def build():
            built.append(True)
            return {**self._relations_in_language(), "index_page": self.index_page(request)}

        relations = cached(
            f"insight-relations:{self.pk}:{translation.get_language()}", build, request=request
        )
        context.update(relations)
        if built:
            # Built afresh, so most likely are the HTML of the page's images and its JSON-LD,
            # which need renditions of each image: read for all in one query. Only now, after
            # the relations were cached, so that none is kept with them (a rendition made
            # later would be missing there).
            self._prefetch_renditions(relations, request)
        if context["index_page"] is not None:
            context["feed_links"] = context["index_page"].feed_links(request)
        if self.is_publication:
            # The report's institution for reference managers: the campaign publishing it.
            context["report_institution"] = site_name(request)
        context["structured_data"] = cached(
            f"insight-json-ld:{request.get_host()}:{self.pk}",
            lambda: json_ld_script(
                article_json_ld(
                    self,
                    request,
                    context["authors_in_language"],
                    context["partners_in_language"],
                    site_name=site_name(request),
                )
            ),
            request=request,
        )
        return context
