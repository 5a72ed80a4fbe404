"""The event desk: one admin page per event for the people who run its registration.

Counts (confirmed, waiting, cancelled; per language and stakeholder group), the list of
registrations with their answers and needs as columns and filters, exports of the whole or
the filtered list, the actions (cancel, move up, send the email again) of the registration
services, and the organisers' messages to the event's registrants. Open to whoever may see
registrations (event organisers); acting and writing to registrants need the permission to
change them, exporting the permission to export them.
"""

from .access import DeskMenuItem, desk_url, event_admin_url, may_use_desk
from .messages import message_detail, write_message
from .views import DeskIndexView, EventDeskView, desk_action, desk_export

__all__ = [
    "DeskIndexView",
    "DeskMenuItem",
    "EventDeskView",
    "desk_action",
    "desk_export",
    "desk_url",
    "event_admin_url",
    "may_use_desk",
    "message_detail",
    "write_message",
]
