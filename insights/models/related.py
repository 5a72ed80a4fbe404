"""What an insight page shows besides its own fields: its authors, tags, events and related
insights in the page's language, and the index it is listed in.

Read together (`_relations_in_language`, cached by the page until content changes) in a
fixed number of queries, the same for any number of items: each kind of tag and the places
of the private sections are read once and used again, and the renditions of every image
shown are read in one query.
"""

from django.apps import apps
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from events.models import EventPage
from home.localization import chosen_in_language, localized_all
from home.page_family import ancestors_and_translations

from ..listing import listing_queryset

RELATED_INSIGHTS = 3
# The kinds of tags two insights can share, for "related insights".
TAG_KINDS = ("sdgs", "regions", "topics", "stakeholder_groups", "partners")


class RelatedContent:
    """For `InsightPage`: the people, events, insights and tags the page shows."""

    def authors_in_language(self):
        people = [author.person for author in self.authors.select_related("person__photo")]
        return localized_all(people, self.locale, select_related=["photo"])

    def related_events(self, private=None):
        """The events this insight reports on, in the page's language, latest first.

        Only those anyone may open: a private event's title is not for every reader.
        `private` is where the private sections are (`private_q()`), when already read.
        """
        links = self.event_links.all()
        if isinstance(links, QuerySet):
            linked_pks = links.values("event_id")
            # The editor's order (links made in code may have none: then as made), for events
            # that start at the same moment.
            link = links.filter(event=OuterRef("pk")).order_by("sort_order", "pk")
            order = [Subquery(link.values("sort_order")[:1]), Subquery(link.values("pk")[:1])]
        else:  # a preview: the links chosen in the form, not saved
            linked_pks = [link.event_id for link in links]
            if not linked_pks:
                return []
            order = [Case(*(When(pk=pk, then=index) for index, pk in enumerate(linked_pks)))]
        if private is None:
            private = EventPage.objects.all().private_q()
        # The linked events and, for those in another language, their live translations in
        # the page's language, each with its image for the card and whether it lies in a
        # private section: one query, however many events.
        elsewhere = EventPage.objects.filter(pk__in=linked_pks).exclude(locale_id=self.locale_id)
        candidates = (
            EventPage.objects.filter(
                Q(pk__in=linked_pks)
                | Q(
                    locale_id=self.locale_id,
                    translation_key__in=elsewhere.values("translation_key"),
                    live=True,
                )
            )
            .select_related("image")
            .annotate(
                in_private_section=Case(When(private, then=True), default=False),
                linked=Case(When(pk__in=linked_pks, then=True), default=False),
            )
            .order_by(*order, "pk")
        )
        by_pk = {event.pk: event for event in candidates}
        linked = [event for event in by_pk.values() if event.linked]
        translated = {
            event.translation_key: event
            for event in by_pk.values()
            if event.locale_id == self.locale_id and event.live
        }
        events = []
        for event in linked:
            if event.locale_id != self.locale_id:
                event = translated.get(event.translation_key, event)
            event = by_pk.get(event.pk)
            if event is not None and event.live and not event.in_private_section:
                events.append(event)
        return sorted(events, key=lambda event: event.starts_at, reverse=True)

    def related_insights(self, limit=RELATED_INSIGHTS, tags=None, private=None):
        """Insights chosen by the editor (those anyone may open); else those sharing most tags.

        `tags` (the page's terms of each of `TAG_KINDS`) and `private` (`private_q()`) are
        what the caller has read already.
        """
        chosen = [link.related for link in self.related_insight_links.select_related("related")]
        if not chosen:
            return self.insights_sharing_tags(limit, tags=tags, private=private)
        if private is None:
            private = self._meta.model.objects.all().private_q()
        # Each chosen insight in the page's language: its translation there (or itself), if
        # live and open to anyone, in the editor's order.
        keys = [page.translation_key for page in chosen]
        translations = (
            self._meta.model.objects.live()
            .filter(locale_id=self.locale_id, translation_key__in=keys)
            .exclude(pk=self.pk)
            .exclude(private)
        )
        translations = listing_queryset(translations, cached=True)
        by_key = {page.translation_key: page for page in translations}
        return [by_key[key] for key in keys if key in by_key][:limit]

    def insights_sharing_tags(self, limit=RELATED_INSIGHTS, tags=None, private=None):
        """Other live insights in this language, ranked by the tags they share, then newest.

        Each kind of tag is counted in its own small subquery on its link table: joining
        all five link tables at once multiplies their rows and is slow on a large site.
        `tags` and `private` as for `related_insights`.
        """
        shared, has_any = [], Q()
        for name in TAG_KINDS:
            terms = tags[name] if tags is not None else getattr(self, name).all()
            ids = [term.pk for term in terms]
            if not ids:
                continue
            field = self._meta.get_field(name)
            page, term = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = field.remote_field.through.objects.filter(**{f"{term}__in": ids})
            has_any |= Q(pk__in=links.values(page))
            per_page = (
                links.filter(**{page: OuterRef("pk")})
                .order_by()
                .values(page)
                .annotate(count=Count("pk"))
                .values("count")
            )
            shared.append(Coalesce(Subquery(per_page), 0, output_field=IntegerField()))
        if not shared:
            return []
        if private is None:
            private = self._meta.model.objects.all().private_q()
        candidates = (
            self._meta.model.objects.live()
            .exclude(private)
            .filter(has_any, locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
        )
        return list(
            listing_queryset(candidates, cached=True)
            .annotate(shared_tags=sum(shared[1:], shared[0]))
            .order_by("-shared_tags", "-publication_date", "-pk")[:limit]
        )

    def index_page(self, request):
        """The insight index the insight is listed in (its parent, by `parent_page_types`),
        or None while that is not published: taken from the page's published ancestors,
        which the breadcrumbs read in the same request, without a query of its own."""
        # By name: the index's module imports the page model, and so this module.
        InsightIndexPage = apps.get_model("insights", "InsightIndexPage")  # noqa: N806

        ancestors, _translations = ancestors_and_translations(self, request)
        parent = ancestors[-1] if ancestors else None
        if parent is None or parent.path != self.path[: -self.steplen]:
            return None
        index = parent.specific_deferred  # its own fields read only if asked for
        return index if isinstance(index, InsightIndexPage) else None

    def tags_in_language(self, name):
        """The page's terms of one kind (`TAG_KINDS`), and each in the page's language where
        it has a translation there; in one query."""
        return chosen_in_language(getattr(self, name), self.locale)

    def _relations_in_language(self):
        # Each kind of tag and where the private sections are, read once: shown, and used
        # again to find related events and insights.
        tags, relations = {}, {}
        for name in TAG_KINDS:
            tags[name], relations[f"{name}_in_language"] = self.tags_in_language(name)
        private = self._meta.model.objects.all().private_q()
        relations |= {
            "authors_in_language": self.authors_in_language(),
            "related_events": self.related_events(private),
            "related_insights": self.related_insights(tags=tags, private=private),
        }
        if self.is_publication:
            relations["documents"] = list(self.documents.select_related("document"))
            for link in relations["documents"]:
                link.document.get_file_size()  # measured (and saved) once, before caching
            relations["cited_pdf"] = self.pdf_in_language(relations["documents"])
        return relations

    def _prefetch_renditions(self, relations, request):
        """The renditions of every image the page shows or shares, in one query."""
        images = [self.hero_image, self.get_social_image(request)]
        images += [person.photo for person in relations["authors_in_language"]]
        images += [event.image for event in relations["related_events"]]
        images += [insight.hero_image for insight in relations["related_insights"]]
        prefetch_related_objects([image for image in images if image is not None], "renditions")
