"""What every public page shares: a social image, the data for search and sharing, and the
view restrictions Wagtail checks on every view (read from the cache)."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Length, NullIf, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageManager, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from campaign_site.cache import MAY_BE_RESTRICTED, cached

from ..admin.page_form import CampaignPageForm
from ..slugs import slug_from_title
from .site_texts import SiteTexts

# How far `CampaignPage.get_view_restrictions` follows an alias to its source page.
ALIAS_HOPS = ("alias_of", "alias_of__alias_of", "alias_of__alias_of__alias_of")


class CampaignPageQuerySet(PageQuerySet):
    """Wagtail's page queryset, whose `public()` reads where the private sections are once
    per content version instead of on every call (restrictions are content: adding or
    removing one changes the version, see `campaign_site.cache`)."""

    def private_q(self):
        # Wagtail's own `descendant_of_q` on each restricted section; only reading where
        # the sections are is kept (Page objects with just the two fields it uses).
        sections = cached(
            "private-sections",
            lambda: list(
                PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
            ),
        )
        q = Q()
        for path, depth in sections:
            q |= self.descendant_of_q(Page(path=path, depth=depth), inclusive=True)
        # As Wagtail: no private section matches no page (`not_public()` is then empty).
        return q if q else Q(pk__in=[])

    def outside_private_sections(self):
        """As `public()`, with where the private sections are read in this query itself (no
        query of its own). Not for querysets that are then searched (see
        `in_private_section`)."""
        return self.exclude(in_private_section())


class CampaignPageManager(PageManager):
    _queryset_class = CampaignPageQuerySet


def in_private_section():
    """True for a page in a restricted section (the restricted page or below it), as
    `private_q()` says, but read in the page query itself: no query of its own, cached or not.
    Not for querysets that are then searched (the search backend takes field lookups only)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Q(Exists(restricted))


def all_pages():
    """Pages of every type, as `Page.objects` gives them, with the campaign's queryset."""
    return CampaignPageQuerySet(Page).order_by("path")


def anyone_may_open(pages):
    """The pages of `pages` that any visitor may open: live, and in no restricted section.

    For lists that name other pages (related events and insights): a private page's title
    and address are not for every visitor. One query, whatever the number of pages.
    """
    if not pages:
        return []
    candidates = all_pages().filter(pk__in=[page.pk for page in pages])
    open_ids = set(candidates.live().public().values_list("pk", flat=True))
    return [page for page in pages if page.pk in open_ids]


class CampaignPage(Page):
    """Abstract base of every page type: SEO fields and the image shown when shared."""

    objects = CampaignPageManager()

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media (1200×630 works best). "
            "Without one, the page's main image or the site's default image is used."
        ),
    )
    social_image_alt = models.CharField(
        _("social image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the shared image shows, in this page's language. Leave empty to use the "
            "text given with the page's main image or in the site texts."
        ),
    )

    # Says at the top of the form when the address is taken, and by which page.
    base_form_class = CampaignPageForm

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("For search engines")),
        FieldPanel("social_image"),
        FieldPanel("social_image_alt"),
    ]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # A page saved without a slug gets one from its title. Wagtail's would keep or drop
        # accents (fachgesprach); ours transliterates as the admin's slug field does.
        if not self.slug and self.path:
            base_slug = slug_from_title(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super().full_clean(*args, **kwargs)

    # --- the page cache: each page type opts in (`campaign_site.cache.page_cache`) ---------

    # Whether anonymous views of this page type may be kept. Every concrete type says so.
    cache_for_visitors = False
    # What of a page only that page shows (no listing, card, menu, related list or other
    # page): a published change to these alone renders this page afresh, not the whole site
    # (`campaign_site.cache.invalidation`). Search, feeds and calendars show everything and
    # follow every change.
    own_page_fields = ("body",)

    def page_cache_policy(self, request):
        """What a kept view of this page follows besides content: (further version keys, the
        next moment the page changes by itself or None). Asked when `cache_for_visitors`."""
        return (), None

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors, kept until content
        changes: Wagtail asks for them on every page view. Restrictions are content, so
        adding or removing one changes the content version. What is returned is still a
        queryset (the admin orders and filters it), with its rows already read. A page
        found by the routing that can have none (`MAY_BE_RESTRICTED`) asks nothing."""
        if getattr(self, MAY_BE_RESTRICTED, True):
            restrictions = cached(
                f"view-restrictions:{self.pk}", lambda: list(self._read_view_restrictions())
            )
        else:
            restrictions = []
        queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in restrictions])
        # Django has no public way to hand a queryset rows it already has; filling its result
        # cache is the one place this is done. tests/campaign_site/test_query_budget.py
        # (0 queries for a detail page) fails if Django stops reading it.
        queryset._result_cache = restrictions
        return queryset

    def _read_view_restrictions(self):
        # What Wagtail's `get_view_restrictions` finds, in one query instead of two: the
        # ancestors' paths follow from the page's own. As there, a page that is an alias
        # (this page or an ancestor) has the restrictions of the page it is an alias of
        # (followed through aliases of aliases), never its own.
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        trail = Page.objects.filter(path__in=paths)
        sources = Q(page__path__in=paths)
        for hop in ALIAS_HOPS:
            sources |= Q(page__in=trail.filter(**{f"{hop}__isnull": False}).values(hop))
        return PageViewRestriction.objects.filter(sources, page__alias_of__isnull=True)

    def get_main_image(self):
        """The page's own leading image (hero, listing image…); page types override this."""
        return None

    def get_social_image(self, request=None):
        """Social image, else the page's main image, else the site's default image."""
        image = self.social_image or self.get_main_image()
        if image is None and request is not None:
            image = SiteSettings.for_request(request).default_social_image
        return image

    # Fields in which a page type describes its main image in the page's language.
    MAIN_IMAGE_ALT_FIELDS = ("hero_image_alt",)

    def get_social_image_alt(self, image, request=None):
        """What `image` (the page's social image) shows, in the page's language, or "".

        The page's own text first, then the text its type gives its main image, then the
        site texts' text for the site's default image. An image's own description is written
        once, in the source language: it is used on pages in that language only, since a
        German description on an English page misleads more than none.
        """
        if image is None:
            return ""
        if self.social_image_alt:
            return self.social_image_alt
        main = self.get_main_image()
        if main is not None and main.pk == image.pk:
            for name in self.MAIN_IMAGE_ALT_FIELDS:
                if text := getattr(self, name, ""):
                    return text
        if request is not None:
            default = SiteSettings.for_request(request).default_social_image_id
            texts = SiteTexts.for_request(request)
            if default == image.pk and texts and texts.default_social_image_alt:
                return texts.default_social_image_alt
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return image.description
        return ""

    # Where a page's description comes from when it has no search description, in order.
    META_DESCRIPTION_FIELDS = ("teaser", "intro")

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        for name in self.META_DESCRIPTION_FIELDS:
            if text := getattr(self, name, ""):
                return text
        return ""

    # The site search finds words in these fields on every page type that has them, so a new
    # page type is searchable without repeating its text fields in `search_fields`.
    SEARCHABLE_TEXT_FIELDS = ("intro", "teaser", "body")

    @classmethod
    def get_search_fields(cls):
        fields = super().get_search_fields()
        declared = {field.field_name for field in fields if isinstance(field, index.SearchField)}
        own = {field.name for field in cls._meta.get_fields()}
        return fields + [
            index.SearchField(name)
            for name in cls.SEARCHABLE_TEXT_FIELDS
            if name in own and name not in declared
        ]

    def get_sitemap_urls(self, request=None):
        """The page's sitemap entry, with every live translation as an hreflang alternate."""
        urls = super().get_sitemap_urls(request)
        versions = self.get_translations(inclusive=True).live().public().select_related("locale")
        alternates = []
        for version in versions.order_by("locale__language_code"):
            location = version.get_full_url(request)
            if location:
                alternates.append({"lang_code": version.locale.language_code, "location": location})
                if version.locale.language_code == settings.LANGUAGE_CODE:
                    alternates.append({"lang_code": "x-default", "location": location})
        if len([a for a in alternates if a["lang_code"] != "x-default"]) > 1:
            for url in urls:
                url["alternates"] = alternates
        return urls


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Settings that are the same in every language."""

    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when a shared page has no image of its own."),
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every form that asks for consent (shown in each language)."),
    )
    social_media_handle = models.CharField(
        _("X/Twitter handle"), max_length=40, blank=True, help_text=_("Without the @.")
    )

    # Read with the settings: the head of every page shares the default image.
    select_related = ["default_social_image", "privacy_policy_page"]

    panels = [
        FieldPanel("default_social_image"),
        FieldPanel("privacy_policy_page"),
        FieldPanel("social_media_handle"),
    ]

    class Meta:
        verbose_name = _("site settings")


def with_meta_descriptions(pages):
    """The pages (of any type, specific or not) as a list, each with `meta_description` set
    to what `get_meta_description` gives, read in one query whatever their types: a search
    result listing then needs the same number of queries for any mix of page types."""
    pages = list(pages)
    if not pages:
        return pages
    sources = [NullIf(F("search_description"), Value(""))]
    for name in CampaignPage.META_DESCRIPTION_FIELDS:
        for model in get_page_models():
            if model._meta.abstract or model._meta.proxy:
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.model is model:  # a field a subclass inherits is read on its own table
                own = model.objects.filter(pk=OuterRef("pk")).values(name)[:1]
                sources.append(NullIf(Subquery(own), Value("")))
    descriptions = dict(
        Page.objects.filter(pk__in=[page.pk for page in pages])
        .annotate(meta_description=Coalesce(*sources, Value(""), output_field=TextField()))
        .values_list("pk", "meta_description")
    )
    for page in pages:
        page.meta_description = descriptions.get(page.pk, "")
    return pages
