"""Which pages and snippets still need translating, per target language.

wagtail-localize shows the status of one object at a time; staff need the list. For every
locale except the default (source) one, an object of the source language is:

- *missing* when no object with its `translation_key` exists in that locale, or only an
  alias of the source page does (wagtail-localize offers "Translate this page" for aliases
  too);
- *out of date* when its translation is managed by wagtail-localize (an enabled
  `Translation` into that locale) and the source changed after its `TranslationSource`
  was last synced. Pages compare `last_published_at` with the source's `last_updated_at`:
  syncing reads the page as published, so a draft does not make a translation out of date
  until it is published. Snippets have no revisions here: their current content, serialised
  the way `TranslationSource.update_from_db()` does it, is compared with `content_json`;
- *in progress* when its translation is managed by wagtail-localize and up to date, but
  strings are still untranslated (a translation just submitted has none translated), or a
  page translation was never published while its source is live;
- *not managed* when a translation exists but wagtail-localize does not manage it for that
  locale (made by hand, imported, or with its synchronisation stopped). These are listed
  separately: the report cannot tell whether they are up to date.

The queries do not grow with the number of objects: a few for pages, a few per translatable
snippet model, for all target languages at once.
"""

import json
from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F
from django.urls import reverse

from modelcluster.models import (
    ClusterableModel,
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from ..localization import default_locale
from .roles import translation_languages

SUBMIT_TRANSLATION_PERMISSION = "wagtail_localize.submit_translation"


@dataclass(frozen=True)
class TranslationStatusEntry:
    """One source-language page or snippet, with the links to act on its translation."""

    title: str
    type_label: str
    source_edit_url: str
    is_page: bool
    translate_url: str = ""
    update_url: str = ""
    translation_edit_url: str = ""
    # Translations in progress: how many of the source's strings are translated, and whether
    # a page translation is published (None for snippets, which have no publishing here).
    translated_strings: int = 0
    total_strings: int = 0
    published: bool | None = None

    @property
    def percent_translated(self):
        if not self.total_strings:
            return 100
        return self.translated_strings * 100 // self.total_strings


@dataclass
class LocaleTranslationStatus:
    """What needs doing in one target language."""

    locale: Locale
    missing: list = field(default_factory=list)
    out_of_date: list = field(default_factory=list)
    in_progress: list = field(default_factory=list)
    not_managed: list = field(default_factory=list)

    @property
    def language_code(self):
        return self.locale.language_code

    @property
    def name(self):
        return self.locale.get_display_name() or self.locale.language_code

    @property
    def needs_work(self):
        return bool(self.missing or self.out_of_date or self.in_progress)


def can_view_translation_status(user):
    """Whether `user` may see the translation status: superusers and translation staff."""
    return bool(
        user.is_active and (user.is_superuser or user.has_perm(SUBMIT_TRANSLATION_PERMISSION))
    )


def target_locales():
    """Every configured content locale except the default (source) one, in settings order."""
    codes = [code for code, _name in get_content_languages().items()]
    source = default_locale()
    locales = Locale.objects.filter(language_code__in=codes).exclude(pk=source.pk)
    return sorted(locales, key=lambda locale: codes.index(locale.language_code))


def target_locales_for(user):
    """The target locales `user` works in: all of them, or a limited translator's languages."""
    languages = translation_languages(user)
    locales = target_locales()
    if languages is None:
        return locales
    return [locale for locale in locales if locale.language_code in languages]


def translatable_snippet_models():
    """The snippet models registered in the admin that can be translated."""
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def translation_status(locales=None):
    """The missing, out-of-date, unfinished and unmanaged translations per target locale.

    `locales` defaults to `target_locales()`. Returns a `LocaleTranslationStatus` per locale,
    in the same order; its lists hold `TranslationStatusEntry` items, pages in tree order
    first, then snippets by model.
    """
    source_locale = default_locale()
    locales = list(target_locales() if locales is None else locales)
    statuses = [LocaleTranslationStatus(locale) for locale in locales]
    if not statuses:
        return statuses
    managed = set(
        Translation.objects.filter(source__locale=source_locale, enabled=True).values_list(
            "source_id", "target_locale_id"
        )
    )
    progress = _string_progress(source_locale)
    _add_pages(statuses, source_locale, managed, progress)
    for model in translatable_snippet_models():
        _add_snippets(statuses, model, source_locale, managed, progress)
    return statuses


@dataclass(frozen=True)
class _StringProgress:
    """Strings per translation source, and how many are translated per target locale."""

    totals: dict
    translated: dict

    def of(self, source_id, locale_id):
        """(translated, total) strings of one source in one locale."""
        return self.translated.get((source_id, locale_id), 0), self.totals.get(source_id, 0)


def _string_progress(source_locale):
    """What `Translation.get_progress()` tells of each translation, in two queries for all."""
    segments = StringSegment.objects.filter(source__locale=source_locale).order_by()
    totals = dict(
        segments.values("source_id").annotate(count=Count("pk")).values_list("source_id", "count")
    )
    translated = {
        (source_id, locale_id): count
        for source_id, locale_id, count in segments.filter(
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values("source_id", "string__translations__locale_id")
        .annotate(count=Count("pk"))
        .values_list("source_id", "string__translations__locale_id", "count")
    }
    return _StringProgress(totals, translated)


def may_edit_sources(user):
    """Whether the user may edit the source-language pages (editors and publishers may).

    Translators translate them but may not change them: for them a title is no link to the
    source's editor, which would only refuse them.
    """
    source_root = Page.objects.filter(locale=default_locale(), depth=2).first()
    return source_root is not None and source_root.permissions_for_user(user).can_edit()


def _add_pages(statuses, source_locale, managed, progress):
    pages = list(
        Page.objects.filter(locale=source_locale, depth__gt=1)
        .order_by("path")
        .only(
            "title",
            "draft_title",
            "content_type_id",
            "translation_key",
            "last_published_at",
            "live",
        )
    )
    targets = {
        (key, locale_id): (page_id, alias_of_id, live)
        for key, locale_id, page_id, alias_of_id, live in Page.objects.filter(
            locale__in=[status.locale for status in statuses]
        ).values_list("translation_key", "locale_id", "id", "alias_of_id", "live")
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(locale=source_locale).only(
            "id", "object_id", "last_updated_at"
        )
    }
    for page in pages:
        title = page.draft_title or page.title
        type_label = _type_label(page.content_type_id)
        source_edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
        source = sources.get(page.translation_key)
        for status in statuses:
            target_id, alias_of_id, target_live = targets.get(
                (page.translation_key, status.locale.pk), (None, None, False)
            )
            entry = dict(
                title=title, type_label=type_label, source_edit_url=source_edit_url, is_page=True
            )
            if target_id is None or alias_of_id is not None:
                status.missing.append(
                    TranslationStatusEntry(
                        **entry,
                        translate_url=reverse(
                            "wagtail_localize:submit_page_translation", args=[page.id]
                        ),
                    )
                )
                continue
            translation_edit_url = reverse("wagtailadmin_pages:edit", args=[target_id])
            if source is None or (source.pk, status.locale.pk) not in managed:
                status.not_managed.append(
                    TranslationStatusEntry(**entry, translation_edit_url=translation_edit_url)
                )
                continue
            if page.last_published_at and page.last_published_at > source.last_updated_at:
                status.out_of_date.append(
                    TranslationStatusEntry(
                        **entry,
                        update_url=reverse(
                            "wagtail_localize:update_translations", args=[source.pk]
                        ),
                        translation_edit_url=translation_edit_url,
                    )
                )
                continue
            translated, total = progress.of(source.pk, status.locale.pk)
            if translated < total or (page.live and not target_live):
                status.in_progress.append(
                    TranslationStatusEntry(
                        **entry,
                        translation_edit_url=translation_edit_url,
                        translated_strings=translated,
                        total_strings=total,
                        published=target_live,
                    )
                )


def _add_snippets(statuses, model, source_locale, managed, progress):
    child_relations = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
    child_relations += [relation.name for relation in get_all_child_m2m_relations(model)]
    snippets = list(
        model._default_manager.filter(locale=source_locale)
        .select_related("locale")
        .prefetch_related(*child_relations)
        .order_by("pk")
    )
    if not snippets:
        return
    targets = {
        (key, locale_id): pk
        for key, locale_id, pk in model._default_manager.filter(
            locale__in=[status.locale for status in statuses]
        ).values_list("translation_key", "locale_id", "pk")
    }
    sources = {
        object_id: (source_id, content_json)
        for source_id, object_id, content_json in TranslationSource.objects.filter(
            locale=source_locale,
            specific_content_type=ContentType.objects.get_for_model(model),
        ).values_list("id", "object_id", "content_json")
    }
    viewset = model.snippet_viewset
    type_label = str(model._meta.verbose_name)
    for snippet in snippets:
        entry = dict(
            title=str(snippet),
            type_label=type_label,
            source_edit_url=reverse(viewset.get_url_name("edit"), args=[quote(snippet.pk)]),
            is_page=False,
        )
        source_id, content_json = sources.get(snippet.translation_key, (None, None))
        changed = None  # serialised only when a managed translation needs the answer
        for status in statuses:
            target_pk = targets.get((snippet.translation_key, status.locale.pk))
            if target_pk is None:
                status.missing.append(
                    TranslationStatusEntry(
                        **entry,
                        translate_url=reverse(
                            "wagtail_localize:submit_snippet_translation",
                            args=[model._meta.app_label, model._meta.model_name, quote(snippet.pk)],
                        ),
                    )
                )
                continue
            translation_edit_url = reverse(viewset.get_url_name("edit"), args=[quote(target_pk)])
            if source_id is None or (source_id, status.locale.pk) not in managed:
                status.not_managed.append(
                    TranslationStatusEntry(**entry, translation_edit_url=translation_edit_url)
                )
                continue
            if changed is None:
                changed = _serialised_content(snippet) != json.loads(content_json)
            if changed:
                status.out_of_date.append(
                    TranslationStatusEntry(
                        **entry,
                        update_url=reverse(
                            "wagtail_localize:update_translations", args=[source_id]
                        ),
                        translation_edit_url=translation_edit_url,
                    )
                )
                continue
            translated, total = progress.of(source_id, status.locale.pk)
            if translated < total:
                status.in_progress.append(
                    TranslationStatusEntry(
                        **entry,
                        translation_edit_url=translation_edit_url,
                        translated_strings=translated,
                        total_strings=total,
                    )
                )


def _serialised_content(instance):
    """The instance's content as `TranslationSource.update_from_db()` would store it."""
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def _type_label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else ""
