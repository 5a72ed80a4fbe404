"""The personal check-in code in the confirmation email and on the personal page."""

from django import template

from ..registration.qr import checkin_qr_svg

register = template.Library()


@register.simple_tag
def checkin_qr(registration):
    """The registrant's QR code (inline SVG) that organisers scan at the door."""
    return checkin_qr_svg(registration)
