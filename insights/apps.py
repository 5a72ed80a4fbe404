from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from campaign_site.cache import models_of, renew_on_change
        from home.highlights import HighlightProvider, register_highlight

        # Every model of the app is shown on public pages (insights, authors, documents,
        # linked events).
        renew_on_change(*models_of(self))

        from .models import insight_index_for, latest_insights

        register_highlight(
            HighlightProvider(
                key="latest_insights",
                heading=_("Latest insights"),
                template="insights/includes/highlights.html",
                items=latest_insights,
                more_page=insight_index_for,
                order=20,
            )
        )
