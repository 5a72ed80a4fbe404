"""A real SMTP server on loopback (aiosmtpd) for tests of email delivery and its faults."""

import asyncio
import contextlib
import email
import socket

from aiosmtpd.controller import Controller

from django.test import override_settings


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Accepts every message and keeps it, parsed, in `received`.

    `refuse_next` answers the next messages' DATA with these replies instead (e.g. "451 try
    later"), keeping them in `refused`; `on_accept` is called after a message is taken and
    before the client hears so; `reply_delay` holds that answer back for so many seconds.
    """

    def __init__(self):
        self.received = []
        self.refused = []
        self.refuse_next = []
        self.on_accept = None
        self.reply_delay = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content)
        if self.refuse_next:
            self.refused.append(message)
            return self.refuse_next.pop(0)
        self.received.append(message)
        if self.on_accept is not None:
            self.on_accept()
        if self.reply_delay:
            await asyncio.sleep(self.reply_delay)
        return "250 Message accepted for delivery"


@contextlib.contextmanager
def mail_server():
    """Run a `MailServer` on a free loopback port and point Django's SMTP backend at it."""
    handler = MailServer()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        ):
            handler.port = port
            yield handler
    finally:
        controller.stop()


def no_mail_server():
    """Point Django's SMTP backend at a loopback port where nothing listens."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    )
