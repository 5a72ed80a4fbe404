"""Registrations for events: one list per event, shared by all its language versions.

Defined here, with the rules that use them, and imported by `events.models` so Django
registers them in the events app (app label, tables and migrations are unchanged).
"""

import uuid

from django_countries.fields import CountryField

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegistrationList(models.Model):
    """One row per event (per translation key): locked while a registration is decided, so
    the capacity check and the insert happen one at a time for that event."""

    event_key = models.UUIDField(unique=True)

    class Meta:
        verbose_name = _("registration list")
        verbose_name_plural = _("registration lists")

    def __str__(self):
        return str(self.event_key)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    # The event is identified by its translation key: German, English and French versions
    # share one list. `page` is the version the person registered on (for links and emails).
    event_key = models.UUIDField(_("event"), db_index=True, editable=False)
    page = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        editable=False,
    )
    language = models.CharField(_("language"), max_length=10, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=80, blank=True)
    country = CountryField(_("country"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("privacy consent given at"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # A random secret in every personal link (confirmation, cancellation).
    secret = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per email and event; a cancelled one does not count.
            models.UniqueConstraint(
                fields=["event_key", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]
        permissions = [("export_registration", _("Can export registrations"))]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class RegistrationMessage(models.Model):
    """An email to a registrant, written to this outbox in the same transaction as the
    registration; sent after commit, retried, and visible to staff when it fails."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        WAITING = "waiting", _("Waiting list confirmation")
        PROMOTION = "promotion", _("Place available")
        CANCELLATION = "cancellation", _("Cancellation")
        # Someone tried to register again with the address: its owner is told, the visitor
        # gets the same answer as any new address.
        ALREADY_REGISTERED = "already_registered", _("Already registered")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # The mail server may have taken it (no answer heard, or its acceptance could not
        # be recorded): never sent again by itself, so nobody gets it twice.
        POSSIBLY_SENT = "possibly_sent", _("Possibly sent")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Given at the first attempt and sent with every attempt, so a receiving server or mail
    # program can recognise a repeat as the same message.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    attempt_started_at = models.DateTimeField(_("last attempt started at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration email")
        verbose_name_plural = _("registration emails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration.email}"
