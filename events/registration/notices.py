"""A short email to a new address that found an event fully booked (no waiting list).

Nothing is stored for such an attempt, so this is no outbox message: the email is sent by
a background task once the request's work is committed, and a failure is only logged (the
page has said the same). It makes every attempt on a full event end in an email to the
address, whether it was registered (see `services.notify_already_registered`) or not, so
the form cannot be used to find out quietly which addresses are registered. Like the note
to a registered address, it goes to one address at most once per `NOTICE_INTERVAL` and
event, so the form cannot be used to flood someone's inbox.
"""

import hashlib
import logging

from django_tasks import task

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from .composing import inline_css
from .services import NOTICE_INTERVAL
from .transport import reply_to, sender

logger = logging.getLogger(__name__)


def notify_event_full(event, email, language):
    """Tell `email`, in `language`, that `event` (the version the visitor was on) is full
    and that they are not registered; at most once per `NOTICE_INTERVAL` for this event
    (all its language versions) and address (already normalised)."""
    if not _first_notice(event.translation_key, email):
        return
    event_id = event.pk
    transaction.on_commit(lambda: send_event_full_notice.enqueue(event_id, email, language))


def _first_notice(event_key, email):
    """Whether no notice went to `email` about this event within the interval (and note
    this one). The address is hashed: the cache server never holds it. While the cache
    cannot answer, no notice is sent: the page has told the visitor, and an outage must
    not lift the limit."""
    digest = hashlib.sha256(email.encode()).hexdigest()
    key = f"event-full-notice:{event_key}:{digest}"
    try:
        # django-redis answers None instead of raising while the server is unreachable.
        return bool(cache.add(key, 1, timeout=int(NOTICE_INTERVAL.total_seconds())))
    except Exception:  # noqa: BLE001 - a cache outage must not break the form's answer
        logger.warning("Fully booked notice for event %s skipped: no cache", event_key)
        return False


def compose_event_full_notice(event, email, language):
    """The email saying `event` is fully booked, in `language`: text and HTML, like the
    registration emails."""
    with translation.override(language):
        subject = _("Fully booked: %(event)s") % {"event": event.title}
        context = {
            "event": event,
            "event_url": event.get_full_url(),
            "subject": subject,
            "language": language,
            "site_name": _("Partnerships for the 2030 Agenda"),
        }
        body = render_to_string("events/emails/event_full.txt", context)
        html = inline_css(render_to_string("events/emails/event_full.html", context))
        from_email = sender()
    notice = EmailMultiAlternatives(
        subject, body, from_email=from_email, to=[email], reply_to=reply_to(event)
    )
    notice.attach_alternative(html, "text/html")
    return notice


@task()
def send_event_full_notice(event_id, email, language):
    """The background task: one attempt, never raised (the queue must not retry it)."""
    page = Page.objects.filter(pk=event_id).first()
    if page is None:
        return
    try:
        compose_event_full_notice(page.specific, email, language).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - a mail failure is logged, never raised
        logger.warning("Fully booked notice for event %s failed: %s", event_id, error)
