"""Personal links for registrants: unguessable, and each good for one purpose only.

A token is "<id>-<HMAC>" over the registration's id and its random secret, keyed with the
site's secret key and the purpose. It contains only letters, digits and hyphens, so it fits
in a page path. Changing any character makes it invalid.
"""

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Registration

PURPOSES = ("view", "cancel")


def _signature(pk, secret, purpose):
    return salted_hmac(
        f"events.registration.{purpose}", f"{pk}:{secret}", algorithm="sha256"
    ).hexdigest()[:40]


def make_token(registration, purpose):
    """The token for `registration`'s personal link with `purpose` ("view" or "cancel")."""
    assert purpose in PURPOSES
    return f"{registration.pk}-{_signature(registration.pk, registration.secret.hex, purpose)}"


# Which of the event page's routes (`@path(..., name=...)`) each purpose's link opens.
ROUTES = {"view": "registration_status", "cancel": "cancel_registration"}


def personal_path(event, registration, purpose):
    """The path of `registration`'s personal page on `event` for `purpose` (with its token)."""
    return event.url + event.reverse_subpage(
        ROUTES[purpose], args=[make_token(registration, purpose)]
    )


def read_token(token, purpose):
    """The registration the token was made for, or None if it was altered or is foreign."""
    pk, _sep, signature = token.partition("-")
    if not pk.isdigit() or not signature:
        return None
    registration = Registration.objects.filter(pk=int(pk)).first()
    if registration is None:
        return None
    expected = _signature(registration.pk, registration.secret.hex, purpose)
    return registration if constant_time_compare(signature, expected) else None
