"""Keep translators who are limited to some languages out of the others in wagtail-localize.

wagtail-localize checks Wagtail's permissions, which know no languages: a translator in
"Translators (English)" could otherwise open, edit, upload or machine-translate the French
translation of a snippet, or create one. Page trees are already limited by page
permissions (see `home.roles`); this guards the translation views for every object.
"""

from django.core.exceptions import PermissionDenied

from wagtail.models import Locale
from wagtail_localize.models import Translation

from .roles import may_translate_into


class TranslatorLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

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
