from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from campaign_site.cache import models_of, renew_on_change
        from home.highlights import HighlightProvider, register_highlight

        from .models import event_index_for, next_event_change, upcoming_events
        from .models.registration import Registration, RegistrationList, RegistrationMessage
        from .registration.services import on_registration_changed

        # Event pages, their speakers and tags change public pages; registrations do not:
        # an event page follows its places through a version of its own (below).
        renew_on_change(
            *models_of(self, exclude=(Registration, RegistrationList, RegistrationMessage))
        )

        for signal in (post_save, post_delete):
            signal.connect(on_registration_changed, sender=Registration)

        register_highlight(
            HighlightProvider(
                key="upcoming_events",
                heading=_("Upcoming events"),
                template="events/includes/highlights.html",
                items=upcoming_events,
                more_page=event_index_for,
                order=10,
                changes_at=next_event_change,
            )
        )
