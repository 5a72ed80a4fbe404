"""Admin views of the content kernel: the translation status report."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .translation_status import can_view_translation_status, translation_status


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Staff report: per target language, what is missing or out of date (`?locale=fr`)."""

    template_name = "home/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status()
        selected = self.request.GET.get("locale", "")
        if selected not in {status.language_code for status in statuses}:
            selected = ""
        context.update(
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
