from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from campaign_site.cache import models_of, renew_on_change
        from home.highlights import register_highlight

        from .models.index import LATEST_INSIGHTS_HIGHLIGHT

        # Every model of the app is shown on public pages (insights, authors, documents,
        # linked events).
        renew_on_change(*models_of(self))

        register_highlight(LATEST_INSIGHTS_HIGHLIGHT)
