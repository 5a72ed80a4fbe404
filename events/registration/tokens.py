"""Personal links for registrants: unguessable, and each good for one purpose only.

A token is "<id>-<HMAC>" over the registration's id and its random secret, keyed with the
site's secret key and the purpose. It contains only letters, digits and hyphens, so it fits
in a page path. Changing any character makes it invalid.
"""

import re

from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Registration

# "checkin": the code the person shows at the door (events.registration.qr); "confirm":
# the address's confirmation (events.registration.opt_in); "offer": accepting or declining
# a place offered (events.registration.offers).
# "feedback": the form after the event (events.feedback).
PURPOSES = ("view", "cancel", "checkin", "confirm", "offer", "feedback")


def _signature(pk, secret, purpose):
    return salted_hmac(
        f"events.registration.{purpose}", f"{pk}:{secret}", algorithm="sha256"
    ).hexdigest()[:40]


def make_token(registration, purpose):
    """The token for `registration`'s personal link with `purpose` (one of `PURPOSES`)."""
    assert purpose in PURPOSES
    return f"{registration.pk}-{_signature(registration.pk, registration.secret.hex, purpose)}"


# What `make_token` writes: an id the database can hold (ASCII digits only: `str.isdigit`
# accepts "²", which `int` refuses) and the signature's 40 hexadecimal digits.
TOKEN = re.compile(r"([1-9][0-9]{0,17})-([0-9a-f]{40})")

# Which of the event page's routes (`@path(..., name=...)`) each purpose's link opens.
ROUTES = {
    "view": "registration_status",
    "cancel": "cancel_registration",
    "confirm": "confirm_address",
    "offer": "registration_offer",
    "feedback": "event_feedback",
}


def personal_path(event, registration, purpose):
    """The path of `registration`'s personal page on `event` for `purpose` (with its token)."""
    return event.url + event.reverse_subpage(
        ROUTES[purpose], args=[make_token(registration, purpose)]
    )


def personal_page_context(event, purpose, token):
    """What every personal page (reached with `token` for `purpose`) has in its context
    besides its own: the event page; the page's route with the token, so the language
    switcher leads to the same page in the event's other languages; and `noindex`, which
    keeps the page out of search engines and names neither a canonical address nor other
    languages' addresses in its head (see `home.templatetags.seo_tags`)."""
    return {
        "page": event,
        "page_route": event.reverse_subpage(ROUTES[purpose], args=[token]),
        "noindex": True,
    }


def link_does_not_work(request, event):
    """The answer to a personal link whose token is altered, foreign or for another event: a
    404 that says so, kept out of search engines and naming no canonical address."""
    context = {"page": event, "noindex": True}
    return render(request, "events/registration_link_invalid.html", context, status=404)


def read_token(token, purpose):
    """The registration the token was made for, or None if it was altered or is foreign."""
    shape = TOKEN.fullmatch(token)
    if shape is None:
        return None
    pk, signature = shape.groups()
    registration = Registration.objects.filter(pk=int(pk)).first()
    if registration is None:
        return None
    expected = _signature(registration.pk, registration.secret.hex, purpose)
    return registration if constant_time_compare(signature, expected) else None
