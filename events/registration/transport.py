"""Handing one email to the mail server, telling "certainly not sent" from "maybe sent".

SMTP has no way to ask a server afterwards whether it took a message. What can be known:
a server that could not be reached, or that answered with a refusal, did not take it; a
connection that broke or timed out after the message was handed over may have delivered it.
"""

import contextlib
import smtplib
from email.headerregistry import Address
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import DNS_NAME, get_connection

# Sent with every email through anymail, returned with the provider's reports about it.
METADATA_KEY = "registration_email"


class NotSent(Exception):
    """The mail server certainly did not take the message: trying again is safe."""


def new_message_id():
    """A Message-ID in the sender's domain (the machine's name when it has none)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    return make_msgid(domain=domain or str(DNS_NAME))


def _address(name, address):
    """ "Name <address>", quoted where needed (Django encodes it for the header)."""
    try:
        return str(Address(display_name=name or "", addr_spec=address))
    except (ValueError, IndexError):  # an address the email package cannot split
        return address


def sender():
    """The From of emails to visitors: DEFAULT_FROM_EMAIL, given a display name if it has
    none (the site's name in the active language), so mail programs show who writes."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or not address:
        return settings.DEFAULT_FROM_EMAIL
    return _address(str(settings.WAGTAIL_SITE_NAME), address)


def reply_to(event=None):
    """Where a registrant's answer to an email about `event` goes (the sender is often a
    no-reply address): the event's contact person if it names one, else the address in
    REGISTRATION_REPLY_TO; nowhere else when neither is set."""
    if event is not None and getattr(event, "contact_email", ""):
        return [_address(getattr(event, "contact_name", ""), event.contact_email)]
    fallback = getattr(settings, "REGISTRATION_REPLY_TO", "")
    return [fallback] if fallback else []


def transmit(email):
    """Send `email` through the configured backend, on a connection of its own.

    Raises NotSent when the server certainly did not take the message; any other exception
    means it may have.
    """
    connection = get_connection(fail_silently=False)
    try:
        # Connecting, TLS and login: nothing is handed over yet.
        connection.open()
    except Exception as error:
        raise NotSent(f"{type(error).__name__}: {error}") from error
    try:
        connection.send_messages([email])
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:
        # The server answered, and not with "accepted".
        raise NotSent(f"{type(error).__name__}: {error}") from error
    finally:
        # Once the server has answered DATA, a failing QUIT changes nothing.
        with contextlib.suppress(Exception):
            connection.close()


def mark_for_provider(email, message):
    """Give `email` what the provider needs to report back about `message`: our outbox
    id as anymail metadata (ignored by SMTP)."""
    email.metadata = {**getattr(email, "metadata", {}), METADATA_KEY: str(message.pk)}


def provider_message_id(email):
    """The provider's id for a sent email (set by anymail backends), else ""."""
    status = getattr(email, "anymail_status", None)
    message_id = getattr(status, "message_id", None)
    if isinstance(message_id, set):  # one id per recipient; ours have one recipient
        message_id = next(iter(sorted(message_id)), None)
    return "" if message_id is None else str(message_id)
