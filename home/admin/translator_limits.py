"""Translators kept to their languages: in wagtail-localize's views and on snippets.

Page trees are limited by page permissions (see `home.admin.roles`); these guard what page
permissions do not cover. The snippet hooks in `home/wagtail_hooks.py` call
`may_change_snippet`; `TranslatorLanguageMiddleware` sits in settings.MIDDLEWARE.
"""

from django.core.exceptions import PermissionDenied
from django.utils.deprecation import MiddlewareMixin

from wagtail.models import Locale
from wagtail_localize.models import Translation

from ..localization import default_locale
from .roles import may_translate_into


class TranslatorLanguageMiddleware(MiddlewareMixin):
    """Keep translators limited to some languages out of the others in wagtail-localize.

    wagtail-localize checks Wagtail's permissions, which know no languages: a translator in
    "Translators (English)" could otherwise open, edit, upload or machine-translate the
    French translation of a snippet, or create one. Page trees are already limited by page
    permissions (see `home.admin.roles`); this guards the translation views for every object.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtail_localize":
            return None
        if not request.user.is_authenticated:
            return None
        codes = []
        if "translation_id" in view_kwargs:
            translation = (
                Translation.objects.filter(pk=view_kwargs["translation_id"])
                .select_related("target_locale")
                .first()
            )
            if translation is not None:
                codes.append(translation.target_locale.language_code)
        elif match.url_name == "submit_snippet_translation" and request.method == "POST":
            ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
            codes = Locale.objects.filter(pk__in=ids).values_list("language_code", flat=True)
        if not all(may_translate_into(request.user, code) for code in codes):
            raise PermissionDenied
        return None


# --- The source language belongs to the authors -----------------------------------------
# Wagtail's snippet permissions do not know languages. Translators may change snippets (to
# translate them), but only people who may also create snippets may change or delete the
# source-language version; everyone else gets Wagtail's "no permission" answer.


# A translator limited to some languages (e.g. "Translators (English)") may change only
# those; `TranslatorLanguageMiddleware` applies the same limit to wagtail-localize's own views.


def may_change_snippet(request, instance):
    """Whether the user of `request` may change or delete this snippet in its language."""
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return True
    opts = instance._meta
    if request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
        return True
    if locale_id == default_locale().pk:
        return False
    return may_translate_into(request.user, instance.locale.language_code)
