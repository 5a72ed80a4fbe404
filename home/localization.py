"""Show translatable objects in the visitor's language without a query per object."""

from collections import defaultdict

from wagtail.models import Locale


def localized_all(objects, locale=None, select_related=(), prefetch_related=()):
    """Each object's translation in `locale` (the active one by default), in the same order.

    Objects without a translation in that locale are returned as they are (the source
    language is better than a gap). One query per model class, however many objects;
    `select_related`/`prefetch_related` apply to the translations fetched.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    locale = locale or Locale.get_active()
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
