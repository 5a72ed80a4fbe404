"""Registrations for events: one list per event, shared by all its language versions.

Defined here, with the rules that use them, and imported by `events.models` so Django
registers them in the events app (app label, tables and migrations are unchanged).
"""

import uuid

from django_countries.fields import CountryField

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .wording import NOT_EDITABLE, validate_placeholders


class RegistrationList(models.Model):
    """One row per event (per translation key): locked while a registration is decided, so
    the capacity check and the insert happen one at a time for that event."""

    event_key = models.UUIDField(unique=True)
    # The rules organisers set for the event's list at its desk (events.desk).
    double_opt_in = models.BooleanField(
        _("confirm addresses first"),
        default=True,
        help_text=_(
            "A new registration holds its place for a short time until the person confirms "
            "their address with the link we email them; unconfirmed ones lapse and free it."
        ),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("time to accept an offered place (hours)"),
        default=48,
        help_text=_(
            "A freed place is offered to the next person waiting, who has this long to accept "
            "it; shortened automatically close to the start."
        ),
    )
    needs_deadline = models.DateTimeField(
        _("send the access and interpretation summary on"),
        null=True,
        blank=True,
        help_text=_("The organisers get the summary of needs and language preferences by email."),
    )
    needs_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Attendance counts per stakeholder group, kept when registrations are deleted, so
    # reports still say who came ({"group-slug": {"confirmed": n, "attended": n, ...}}).
    archived_counts = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration list")
        verbose_name_plural = _("registration lists")

    def __str__(self):
        return str(self.event_key)


class Registration(models.Model):
    # Registrations, their emails and the organisers' messages are records about people, not
    # content: Wagtail's reference index ("where is this page used") leaves them out, and
    # saving one queues no index update.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        # Double opt-in: registered, the address not confirmed yet (`holds_place` says
        # whether a place or a waiting position is held meanwhile, until `expires_at`).
        PENDING = "pending", _("Address not confirmed yet")
        # A freed place offered to someone waiting, theirs to accept until `expires_at`.
        OFFERED = "offered", _("Place offered")
        # An address never confirmed, or an offer never answered: the place went on.
        EXPIRED = "expired", _("Lapsed")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class Need(models.TextChoices):
        SIGN_LANGUAGE = "sign_language", _("Sign language interpretation")
        STEP_FREE = "step_free", _("Step-free access")
        CAPTIONS = "captions", _("Live captions")
        HEARING_LOOP = "hearing_loop", _("Hearing loop")
        EASY_LANGUAGE = "easy_language", _("Plain language")

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
    # The needs ticked in the form (Need values), summed up for the organisers' planner.
    needs = models.JSONField(_("needs"), default=list, blank=True)
    # The language the person wants to follow the event in (interpretation planning).
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("privacy consent given at"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    holds_place = models.BooleanField(default=False, editable=False)
    expires_at = models.DateTimeField(
        _("lapses at"), null=True, blank=True, db_index=True, editable=False
    )
    address_confirmed_at = models.DateTimeField(
        _("address confirmed at"), null=True, blank=True, editable=False
    )
    offered_at = models.DateTimeField(_("place offered at"), null=True, blank=True, editable=False)
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.UNKNOWN,
        blank=True,
        db_index=True,
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True, editable=False)
    # Where the attendance came from: "door" (check-in), "import" (participant list), "desk".
    attendance_source = models.CharField(max_length=10, blank=True, editable=False)
    # A random secret in every personal link (confirmation, cancellation).
    secret = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per email and event; a cancelled or lapsed one does
            # not count.
            models.UniqueConstraint(
                fields=["event_key", "email"],
                condition=~Q(status__in=["cancelled", "expired"]),
                name="one_active_registration_per_email",
            )
        ]
        permissions = [("export_registration", _("Can export registrations"))]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class RegistrationMessage(models.Model):
    """An email to a registrant, written to this outbox in the same transaction as the
    registration; sent after commit, retried, and visible to staff when it fails."""

    wagtail_reference_index_ignore = True  # see Registration

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        WAITING = "waiting", _("Waiting list confirmation")
        PROMOTION = "promotion", _("Place available")
        CANCELLATION = "cancellation", _("Cancellation")
        # Someone tried to register again with the address: its owner is told, the visitor
        # gets the same answer as any new address.
        ALREADY_REGISTERED = "already_registered", _("Already registered")
        # The join link and access details, released before the start or changed later.
        JOINING_DETAILS = "joining_details", _("Joining details")
        REMINDER = "reminder", _("Reminder")
        # A published change of date, time, place, format or join link, or a postponement.
        EVENT_CHANGED = "event_changed", _("Change notice")
        EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
        ORGANISER_MESSAGE = "organiser_message", _("Message from the organisers")
        # Double opt-in: the link that confirms the address.
        CONFIRM_ADDRESS = "confirm_address", _("Address confirmation")
        # A freed place, offered with a time limit; and the news that the offer lapsed.
        OFFER = "offer", _("Place offered")
        OFFER_EXPIRED = "offer_expired", _("Offer lapsed")
        # After the event: its outputs and the feedback form (events.feedback.follow_up).
        FOLLOW_UP = "follow_up", _("After the event")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # The mail server may have taken it (no answer heard, or its acceptance could not
        # be recorded): never sent again by itself, so nobody gets it twice.
        POSSIBLY_SENT = "possibly_sent", _("Possibly sent")
        # The mail provider reported that the recipient's server refused it (or it bounced).
        BOUNCED = "bounced", _("Bounced")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="messages"
    )
    # What makes a scheduled email unique for its registrant (e.g. "168h:2026-12-09T17:00Z"
    # for the week-before reminder of that start): written once, so a job that runs twice,
    # or on two servers at once, cannot send it twice. Empty for one-off emails.
    occasion = models.CharField(_("occasion"), max_length=100, blank=True, editable=False)
    # What the email says beyond the event itself (e.g. what changed), fixed when written.
    details = models.JSONField(_("details"), default=dict, blank=True, editable=False)
    organiser_message = models.ForeignKey(
        "events.OrganiserMessage",
        verbose_name=_("message from the organisers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        editable=False,
    )
    # The mail provider's own id for the message (django-anymail), to match its reports.
    provider_message_id = models.CharField(
        _("provider's message id"), max_length=255, blank=True, db_index=True, editable=False
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
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "occasion"],
                condition=~Q(occasion=""),
                name="one_email_per_registrant_and_occasion",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration.email}"


class BalanceRule(models.Model):
    """A target or cap for one stakeholder group and/or region at one event, e.g. "at most
    40 % private sector" or "at least 5 places for civil society" (events.registration.balance)."""

    class Limit(models.TextChoices):
        AT_MOST_PERCENT = "at_most_percent", _("at most … % of the places")
        AT_MOST = "at_most", _("at most … places")
        AT_LEAST = "at_least", _("at least … places")

    registration_list = models.ForeignKey(
        RegistrationList, on_delete=models.CASCADE, related_name="balance_rules"
    )
    # Slugs of home.StakeholderGroup and home.Region (the same in every language).
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=80, blank=True)
    region = models.CharField(_("region"), max_length=80, blank=True)
    limit = models.CharField(_("rule"), max_length=20, choices=Limit.choices)
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        verbose_name = _("balance rule")
        verbose_name_plural = _("balance rules")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.stakeholder_group or '*'}/{self.region or '*'} {self.limit} {self.number}"


class OrganiserMessage(models.Model):
    """A message organisers write to the registrants of one event: one text per language
    its recipients read, sent to each of them through the outbox in their language."""

    wagtail_reference_index_ignore = True  # see Registration

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed participants")
        WAITING = "waiting", _("People on the waiting list")
        BOTH = "both", _("Confirmed and waiting")

    event_key = models.UUIDField(_("event"), db_index=True, editable=False)
    audience = models.CharField(
        _("recipients"), max_length=20, choices=Audience.choices, default=Audience.CONFIRMED
    )
    # Empty: registrants in every language; else only those who registered in this one.
    language = models.CharField(_("only registrants in"), max_length=10, blank=True)
    # {"de": {"subject": …, "body": …}, "en": …}: the text for each language written.
    texts = models.JSONField(_("texts"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message from the organisers")
        verbose_name_plural = _("messages from the organisers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject()

    def subject(self, language=None):
        """The subject in `language`, else in the first language written."""
        text = self.texts.get(language or settings.LANGUAGE_CODE) or next(
            iter(self.texts.values()), {}
        )
        return text.get("subject", "")


class EmailWording(PreviewableMixin, TranslatableMixin, models.Model):
    """Staff's own wording of one standard email, per language (translated like pages).

    Without one, the email uses the wording in the code. Placeholders in braces ({name},
    {event}, {date}, …) are filled in for each registrant; see events.registration.wording.
    Written in German and translated with wagtail-localize: the email it replaces stays the
    same in every language, the words are translated. Previewable: the admin shows the
    email as a registrant reads it (`events.registration.wording_admin`).
    """

    kind = models.CharField(_("email"), max_length=20, choices=RegistrationMessage.Kind.choices)
    subject = models.CharField(
        _("subject"), max_length=200, blank=True, help_text=_("Leave empty for the standard one.")
    )
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "The opening paragraphs. Leave empty for the standard text. The event's date, "
            "place, joining details and links follow automatically."
        ),
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("email wording")
        verbose_name_plural = _("email wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "locale"], name="one_wording_per_email_and_language"
            )
        ]

    translatable_fields = [
        SynchronizedField("kind", overridable=False),
        TranslatableField("subject"),
        TranslatableField("text"),
    ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        """Refuse unknown placeholders (in staff's words, naming those they may use), a
        second wording of the same email in one language, and the organisers' messages
        (they write those themselves)."""
        super().clean()
        errors = {}
        for field in ("subject", "text"):
            try:
                validate_placeholders(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        if self.kind in NOT_EDITABLE:
            errors["kind"] = _("The organisers write these messages themselves.")
        elif self.kind and self.locale_id:
            others = EmailWording.objects.filter(kind=self.kind, locale_id=self.locale_id)
            if others.exclude(pk=self.pk).exists():
                errors["kind"] = _(
                    "This email already has its own wording in this language: edit that one."
                )
        if errors:
            raise ValidationError(errors)
