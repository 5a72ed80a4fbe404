"""The personal check-in code: a QR code of an admin address that carries a signed token.

An organiser's phone (its own camera app, or the desk's scanner) opens the address, which
shows the person at the event's check-in desk. The token is good for checking in only
(`tokens`, purpose "checkin"): it neither shows nor cancels the registration publicly, and a
changed character makes it worthless.
"""

from urllib.parse import urljoin

import segno

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .tokens import TOKEN, make_token, read_token


def checkin_url(registration):
    """The absolute address the person's QR code holds (the desk's check-in of them)."""
    path = reverse("events_desk_checkin_code", args=[make_token(registration, "checkin")])
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def checkin_qr_svg(registration, scale=4):
    """The person's QR code as inline SVG (black on white, also in dark mode), named for
    screen readers by `aria-label` (an SVG `<title>` would be a second title in emails)."""
    code = segno.make(checkin_url(registration), error="m")
    svg = code.svg_inline(
        scale=scale, dark="#000", light="#fff", svgclass="checkin-code", lineclass=None
    )
    label = format_html('<svg role="img" aria-label="{}" ', _("Your check-in code"))
    # segno writes the whole element (no text of ours in it but the escaped label).
    return mark_safe(svg.replace("<svg ", label, 1))  # noqa: S308


def registration_from_code(text):
    """The registration a scanned code or typed text stands for: a check-in address, or
    just its token; None when the text holds no valid check-in token."""
    found = TOKEN.search(text or "")
    if found is None:
        return None
    return read_token(found.group(0), "checkin")
