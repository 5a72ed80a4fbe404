from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.highlights import HighlightProvider, register_highlight

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
