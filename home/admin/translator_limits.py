"""Translators kept to their languages: in wagtail-localize's views and on snippets.

Page trees are limited by page permissions (see `home.admin.roles`); these guard what page
permissions do not cover. `submit_translation_urls()` (wired in `home/wagtail_hooks.py`)
puts the submit forms below in place of wagtail-localize's; the snippet hooks there call
`may_change_snippet`; `TranslatorLanguageMiddleware` sits in settings.MIDDLEWARE.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import HiddenInput
from django.shortcuts import redirect
from django.urls import path
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext_lazy as _

from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)

from ..localization import default_locale
from .roles import may_translate_into, translation_languages


class TranslatorLanguageMiddleware(MiddlewareMixin):
    """Keep translators limited to some languages out of the others in wagtail-localize.

    wagtail-localize checks Wagtail's permissions, which know no languages: a translator in
    "Translators (English)" could otherwise open, edit, upload or machine-translate the
    French translation of a snippet. Page trees are already limited by page permissions (see
    `home.admin.roles`); this guards the views of an existing translation for every object.
    Starting a translation is guarded by the submit views below.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtail_localize":
            return None
        if not request.user.is_authenticated or "translation_id" not in view_kwargs:
            return None
        translation = (
            Translation.objects.filter(pk=view_kwargs["translation_id"])
            .select_related("target_locale")
            .first()
        )
        if translation is not None and not may_translate_into(
            request.user, translation.target_locale.language_code
        ):
            raise PermissionDenied
        return None


# --- Starting a translation ----------------------------------------------------------------
# wagtail-localize's submit form offers every language not translated yet and has no hook to
# narrow it; its views are subclassed here and answer at the same addresses (the URL patterns
# are registered ahead of wagtail-localize's, `reverse()` of its names finds them).


NOT_OFFERED = _("You cannot start a translation into this language: choose one of those offered.")
NOTHING_LEFT = _("This is already translated into every language you translate into.")


class OwnLanguagesOnlyMixin:
    """A submit form offering only the languages the translator may work in.

    A request for another language fails validation before anything is created (that
    language would otherwise get a draft page or snippet the translator may not even open).
    After submitting one language, the translator lands in its translation editor, whatever
    the `next` address: translating is what they came for.
    """

    def get_form(self):
        form = super().get_form()
        languages = translation_languages(self.request.user)
        if languages is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(language_code__in=languages)
            field.error_messages["invalid_choice"] = NOT_OFFERED
            if len(field.queryset) < 2:
                form.fields["select_all"].widget = HiddenInput()
        return form

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        form = response.context_data["form"]
        if translation_languages(request.user) is not None and not form.fields["locales"].queryset:
            messages.info(request, NOTHING_LEFT)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        locales = form.cleaned_data["locales"]
        if len(locales) == 1:
            translated = self.object.get_translation_or_none(locales[0])
            if translated is not None:
                # The edit view of a synchronised translation is its translation editor.
                return redirect(self.get_default_success_url(translated))
        return response


class SubmitPageTranslationInOwnLanguagesView(OwnLanguagesOnlyMixin, SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationInOwnLanguagesView(
    OwnLanguagesOnlyMixin, SubmitSnippetTranslationView
):
    pass


def submit_translation_urls():
    """The admin URL patterns of the submit views, at wagtail-localize's own addresses."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationInOwnLanguagesView.as_view(),
            name="submit_page_translation_in_own_languages",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationInOwnLanguagesView.as_view(),
            name="submit_snippet_translation_in_own_languages",
        ),
    ]


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
