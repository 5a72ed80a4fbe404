"""Admin views of the content kernel: the translation status report."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .translation_status import (
    can_view_translation_status,
    may_edit_sources,
    target_locales_for,
    translation_status,
)


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Staff report: per target language, what is missing, out of date or in progress
    (`?locale=fr`)."""

    template_name = "home/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A translator limited to some languages sees those: the others are not theirs to do.
        statuses = translation_status(target_locales_for(self.request.user))
        selected = self.request.GET.get("locale", "")
        if selected not in {status.language_code for status in statuses}:
            selected = ""
        context.update(
            may_edit_sources=may_edit_sources(self.request.user),
            statuses=statuses,
            selected_language=selected,
            shown_statuses=[
                status for status in statuses if not selected or status.language_code == selected
            ],
        )
        return context


translation_status_view = user_passes_test(can_view_translation_status)(
    TranslationStatusView.as_view()
)
