from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from anymail.signals import tracking

        from wagtail.signals import page_published

        from campaign_site.cache import models_of, renew_on_change
        from home.highlights import register_highlight

        from .feedback.models import FeedbackAnswer, FeedbackResponse
        from .models import EventPage
        from .models.index import UPCOMING_EVENTS_HIGHLIGHT
        from .registration import changes
        from .registration.delivery import on_tracking
        from .registration.models import Registration, RegistrationList, RegistrationMessage
        from .registration.retention import forget_deleted_registration
        from .registration.services import on_evidence_changed, on_registration_changed
        from .reports.evidence import EVIDENCE_HIGHLIGHT

        # Event pages, their speakers and tags change public pages; registrations and
        # feedback do not: an event page follows its places, the campaign's evidence its
        # figures, through versions of their own (below).
        renew_on_change(
            *models_of(
                self,
                exclude=(
                    Registration,
                    RegistrationList,
                    RegistrationMessage,
                    FeedbackResponse,
                    FeedbackAnswer,
                ),
            )
        )

        for signal in (post_save, post_delete):
            signal.connect(on_registration_changed, sender=Registration)
            signal.connect(on_evidence_changed, sender=FeedbackResponse)
        post_delete.connect(forget_deleted_registration, sender=Registration)
        # A mail provider's reports of bounces and complaints (django-anymail's webhooks,
        # whichever provider sends them: no single sender).
        tracking.connect(on_tracking, dispatch_uid="events.registration.delivery")

        # A published change of date, place, format, joining details or status: a new
        # calendar sequence, the translations follow, registrants are told.
        pre_save.connect(changes.before_event_saved, sender=EventPage)
        post_save.connect(changes.after_event_saved, sender=EventPage)
        page_published.connect(changes.event_published, sender=EventPage)

        register_highlight(UPCOMING_EVENTS_HIGHLIGHT)
        register_highlight(EVIDENCE_HIGHLIGHT)
