"""The desk's admin addresses, under /admin/event-desk/ (wired in events/wagtail_hooks.py)."""

from django.urls import path

from .messages import message_detail, write_message
from .views import DeskIndexView, EventDeskView, desk_action, desk_export

urlpatterns = [
    path("event-desk/", DeskIndexView.as_view(), name="events_desk_index"),
    path("event-desk/<int:event_id>/", EventDeskView.as_view(), name="events_desk"),
    path(
        "event-desk/<int:event_id>/results/",
        EventDeskView.as_view(results_only=True),
        name="events_desk_results",
    ),
    path("event-desk/<int:event_id>/export/", desk_export, name="events_desk_export"),
    path(
        "event-desk/<int:event_id>/registrations/<int:pk>/",
        desk_action,
        name="events_desk_action",
    ),
    path("event-desk/<int:event_id>/message/", write_message, name="events_desk_message"),
    path(
        "event-desk/<int:event_id>/messages/<int:pk>/",
        message_detail,
        name="events_desk_message_detail",
    ),
]
