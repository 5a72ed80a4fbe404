"""Show translatable objects in the visitor's language without a query per object."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Case, Q, QuerySet, Subquery, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

# Locales change only when languages are added; every request needs them several times.
_locales_by_code: dict[str, Locale] = {}


def get_locale(language_code):
    """The Wagtail locale for a language code, cached for the life of the process."""
    if language_code not in _locales_by_code:
        _locales_by_code[language_code] = Locale.objects.get(language_code=language_code)
    return _locales_by_code[language_code]


def get_locale_by_id(locale_id):
    """The Wagtail locale with primary key `locale_id`, cached like `get_locale`."""
    for locale in _locales_by_code.values():
        if locale.pk == locale_id:
            return locale
    locale = Locale.objects.get(pk=locale_id)
    _locales_by_code[locale.language_code] = locale
    return locale


def active_locale():
    """The locale of the active language (the default language if it has none)."""
    try:
        return get_locale(translation.get_language() or settings.LANGUAGE_CODE)
    except Locale.DoesNotExist:
        return default_locale()


def default_locale():
    return get_locale(settings.LANGUAGE_CODE)


def localized(obj):
    """Wagtail's `obj.localized` (its live translation in the active language, else `obj`),
    with the active locale read from memory instead of the database."""
    locale = active_locale()
    if locale.pk == obj.locale_id:
        return obj
    translated = obj.get_translation_or_none(locale)
    if translated is None or not getattr(translated, "live", True):
        return obj
    return translated


def in_language_or_source(queryset, locale=None):
    """The object of `queryset` in `locale` (the active one by default), else the one in the
    source language, else None; in one query.

    For snippets that exist once per language (menu, footer, site texts): until a language
    has its own, its visitors see the source language's.
    """
    locale = locale or active_locale()
    source = default_locale()
    by_locale = {obj.locale_id: obj for obj in queryset.filter(locale__in=[locale, source])}
    return by_locale.get(locale.pk) or by_locale.get(source.pk)


def chosen_in_language_or_source(queryset, locale=None):
    """The primary key of the object `in_language_or_source` would choose, as a subquery:
    to read that object's related rows (a menu's items) in the same query."""
    locale = locale or active_locale()
    preference = Case(When(locale=locale, then=Value(0)), default=Value(1))
    chosen = queryset.filter(locale__in=[locale, default_locale()]).order_by(preference)
    return Subquery(chosen.values("pk")[:1])


def _forget_locales(**kwargs):
    _locales_by_code.clear()


post_save.connect(_forget_locales, sender=Locale)
post_delete.connect(_forget_locales, sender=Locale)


def localized_all(objects, locale=None, select_related=(), prefetch_related=()):
    """Each object's translation in `locale` (the active one by default), in the same order.

    Objects without a translation in that locale are returned as they are (the source
    language is better than a gap). One query per model class, however many objects;
    `select_related`/`prefetch_related` apply to the translations fetched.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    locale = locale or active_locale()
    keys_by_model = defaultdict(set)
    for obj in objects:
        if obj.locale_id != locale.pk:
            keys_by_model[type(obj)].add(obj.translation_key)
    translations = {}
    for model, keys in keys_by_model.items():
        queryset = (
            model._default_manager.filter(translation_key__in=keys, locale=locale)
            .select_related(*select_related)
            .prefetch_related(*prefetch_related)
        )
        if hasattr(model, "live"):
            queryset = queryset.filter(live=True)
        for translated in queryset:
            translations[(model, translated.translation_key)] = translated
    return [translations.get((type(obj), obj.translation_key), obj) for obj in objects]


def chosen_in_language(relation, locale, select_related=()):
    """The objects a page chose in a many-to-many `relation` (its related manager), and each
    of them in `locale` where it has a translation there (as `localized_all` gives them):
    two lists, in one query. A preview's relation (the objects chosen in the form, not yet
    saved) is not a queryset: it is translated with `localized_all`."""
    objects = relation.all()
    if not isinstance(objects, QuerySet):
        chosen = list(objects)
        return chosen, localized_all(chosen, locale, select_related=select_related)
    model = objects.model
    translated = Q(locale_id=locale.pk, translation_key__in=objects.values("translation_key"))
    if hasattr(model, "live"):
        translated &= Q(live=True)
    rows = list(
        model._default_manager.filter(Q(pk__in=objects.values("pk")) | translated)
        .annotate(chosen=Case(When(pk__in=objects.values("pk"), then=True), default=False))
        .select_related(*select_related)
    )
    translations = {row.translation_key: row for row in rows if row.locale_id == locale.pk}
    chosen = [row for row in rows if row.chosen]
    return chosen, [translations.get(row.translation_key, row) for row in chosen]


# "In which language", as a reader is told where a text is not in theirs.
IN_LANGUAGE = {
    "de": gettext_lazy("in German"),
    "en": gettext_lazy("in English"),
    "fr": gettext_lazy("in French"),
}


def in_language(code):
    """ "in German" for "de", in the active language ("auf Deutsch", "en allemand")."""
    return str(IN_LANGUAGE.get(code, code))
