"""Who may use the event desk, and where an event's title leads each member of staff."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem

from ..registration.setup import source_version

VIEW = "events.view_registration"
CHANGE = "events.change_registration"
EXPORT = "events.export_registration"

REASONS = {
    VIEW: _("Only staff who may see registrations can open the event desk."),
    CHANGE: _("You may see these registrations, but not change them."),
    EXPORT: _("You may see these registrations, but not export them."),
}


def may_use_desk(user):
    """Whether `user` may open event desks (organisers, and anyone who sees registrations)."""
    return user.has_perm(VIEW)


def desk_url(event):
    """The desk of `event` (any language version: the desk is the source version's)."""
    return reverse("events_desk", args=[source_version(event).pk])


def event_admin_url(user, event):
    """Where an event's title leads `user` in the admin: the editor for who may edit the
    page, else the event's desk for who may see registrations, else nowhere ("")."""
    if event.permissions_for_user(user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[event.pk])
    if may_use_desk(user):
        return desk_url(event)
    return ""


class Forbidden(PermissionDenied):
    """Refused at the desk: answered with a 403 page that says why (the admin itself would
    send the person to the dashboard, as if the link they followed led nowhere)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def forbidden(request, reason):
    """The 403 page in the admin's look, saying why."""
    return TemplateResponse(
        request, "events/admin/desk_forbidden.html", {"reason": reason}, status=403
    )


def refusing(view):
    """Answer a view's `Forbidden` with the 403 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden as refusal:
            return forbidden(request, refusal.reason)

    return wrapper


def require(user, permission):
    """Refuse (`Forbidden`) unless `user` has `permission`."""
    if not user.has_perm(permission):
        raise Forbidden(REASONS[permission])


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_desk(request.user)
