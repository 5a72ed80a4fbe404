"""The desk's admin addresses, under /admin/event-desk/ (wired in events/wagtail_hooks.py)."""

from django.urls import path

from .checkin import checkin, checkin_code, checkin_person, import_attendance, mark_no_shows
from .learnings import (
    campaign_learnings,
    campaign_learnings_export,
    event_learnings,
    event_learnings_export,
    select_for_quoting,
)
from .messages import message_detail, write_message
from .planner import needs_planner
from .reports import campaign_report, campaign_report_export, event_report, event_report_export
from .rules import list_rules
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
    path("event-desk/<int:event_id>/planner/", needs_planner, name="events_desk_planner"),
    path("event-desk/<int:event_id>/check-in/", checkin, name="events_desk_checkin"),
    path(
        "event-desk/<int:event_id>/check-in/<int:pk>/",
        checkin_person,
        name="events_desk_checkin_person",
    ),
    path("event-desk/check-in/<str:token>/", checkin_code, name="events_desk_checkin_code"),
    path("event-desk/<int:event_id>/no-shows/", mark_no_shows, name="events_desk_no_shows"),
    path(
        "event-desk/<int:event_id>/attendance-import/",
        import_attendance,
        name="events_desk_attendance_import",
    ),
    path("event-desk/reports/", campaign_report, name="events_desk_campaign_report"),
    path(
        "event-desk/reports/export/",
        campaign_report_export,
        name="events_desk_campaign_report_export",
    ),
    path("event-desk/<int:event_id>/report/", event_report, name="events_desk_report"),
    path(
        "event-desk/<int:event_id>/report/export/",
        event_report_export,
        name="events_desk_report_export",
    ),
    path("event-desk/<int:event_id>/rules/", list_rules, name="events_desk_rules"),
    path("event-desk/learnings/", campaign_learnings, name="events_desk_campaign_learnings"),
    path(
        "event-desk/learnings/export/",
        campaign_learnings_export,
        name="events_desk_campaign_learnings_export",
    ),
    path("event-desk/<int:event_id>/learnings/", event_learnings, name="events_desk_learnings"),
    path(
        "event-desk/<int:event_id>/learnings/export/",
        event_learnings_export,
        name="events_desk_learnings_export",
    ),
    path(
        "event-desk/<int:event_id>/learnings/answers/<int:pk>/quote/",
        select_for_quoting,
        name="events_desk_select_for_quoting",
    ),
]
