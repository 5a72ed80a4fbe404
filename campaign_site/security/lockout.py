"""The page shown when django-axes locks a sign-in out (settings.AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, saying in the visitor's language why it is refused (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-in attempts. For your security, signing in with this "
        "username is blocked for %(minutes)s minutes. Please try again later or ask an "
        "administrator to unlock your account."
    ) % {"minutes": minutes}
    return render(
        request, "campaign_site/admin/login_locked.html", {"message": message}, status=429
    )
