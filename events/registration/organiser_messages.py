"""Messages from the organisers to the registrants of one event: who gets one, writing it
to the outbox for each of them, its preview per language, and the messages of an event
with their delivery numbers."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .composing import event_in_language, render_email
from .emails import deliver_after_commit
from .models import OrganiserMessage, Registration, RegistrationList, RegistrationMessage

Audience = OrganiserMessage.Audience
Status = RegistrationMessage.Status

STATUSES = {
    Audience.CONFIRMED: [Registration.Status.CONFIRMED],
    Audience.WAITING: [Registration.Status.WAITING],
    Audience.BOTH: [Registration.Status.CONFIRMED, Registration.Status.WAITING],
}
# Delivery states counted as "not delivered" in the list of sent messages.
UNDELIVERED = [Status.FAILED, Status.BOUNCED]


def languages():
    """The site's language codes, in the order the site lists them."""
    return [code for code, _name in settings.LANGUAGES]


def recipients(event, audience, language=""):
    """The registrations of `event` a message to `audience` reaches: confirmed and/or
    waiting people, in every language or only those who registered in `language`."""
    chosen = Registration.objects.filter(
        event_key=event.translation_key, status__in=STATUSES[audience]
    )
    return chosen.filter(language=language) if language else chosen


def reading_language(code):
    """The language of the text a registrant who registered in `code` gets: their own, or
    the source language's for a language the site no longer offers."""
    return code if code in languages() else settings.LANGUAGE_CODE


def recipient_counts(event, audience, language=""):
    """How many recipients read each of the site's languages ({"de": 3, "en": 0, …})."""
    counts = dict.fromkeys(languages(), 0)
    rows = recipients(event, audience, language).values("language").annotate(n=Count("pk"))
    for row in rows.order_by():
        counts[reading_language(row["language"])] += row["n"]
    return counts


def count_table(event):
    """The numbers of recipients per language for every choice the form offers, keyed
    "audience:language" ("" for all languages): {"waiting:": {"de": 1, "en": 1, …}, …}."""
    by_status = {
        status: dict.fromkeys(languages(), 0)
        for status in (Registration.Status.CONFIRMED, Registration.Status.WAITING)
    }
    rows = (
        Registration.objects.filter(event_key=event.translation_key, status__in=list(by_status))
        .values("status", "language")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Exactly as registered (one language group) and as read (everyone).
    registered = {status: {} for status in by_status}
    for row in rows:
        by_status[row["status"]][reading_language(row["language"])] += row["n"]
        registered[row["status"]][row["language"]] = row["n"]
    table = {}
    for audience, statuses in STATUSES.items():
        table[f"{audience}:"] = {
            code: sum(by_status[status][code] for status in statuses) for code in languages()
        }
        for language in languages():
            table[f"{audience}:{language}"] = {
                code: sum(registered[status].get(code, 0) for status in statuses)
                if code == language
                else 0
                for code in languages()
            }
    return table


# The same message sent again by the same person within this time is taken for the form
# sent twice (a double click, "back" and send again): it is not sent a second time.
REPEAT_WINDOW = timedelta(hours=1)


def send_organiser_message(event, *, audience, language, texts, author):
    """Write the message and one outbox email per recipient in one transaction; each is
    sent after commit. Returns (message, sent): the message (its `deliveries` are the
    emails), and False when the same author had just sent the same message to the same
    group, which is then returned instead of being sent again.

    Nobody gets it twice, and nobody outside the chosen group gets it: the recipients are
    read inside the transaction that writes their emails, which holds the event's lock
    row, so two sends of one form at the same moment are decided one after the other.
    """
    with transaction.atomic():
        # The lock row registration decisions take (events.registration.services).
        RegistrationList.objects.get_or_create(event_key=event.translation_key)
        RegistrationList.objects.select_for_update().get(event_key=event.translation_key)
        earlier = (
            OrganiserMessage.objects.filter(
                event_key=event.translation_key,
                audience=audience,
                language=language,
                created_by=author,
                created_at__gte=timezone.now() - REPEAT_WINDOW,
            )
            .order_by("-created_at")
            .first()
        )
        if earlier is not None and earlier.texts == texts:
            return earlier, False
        message = OrganiserMessage.objects.create(
            event_key=event.translation_key,
            audience=audience,
            language=language,
            texts=texts,
            created_by=author,
        )
        emails = RegistrationMessage.objects.bulk_create(
            RegistrationMessage(
                registration=registration,
                kind=RegistrationMessage.Kind.ORGANISER_MESSAGE,
                organiser_message=message,
            )
            for registration in recipients(event, audience, language).order_by("pk")
        )
        for email in emails:
            deliver_after_commit(email)
    return message, True


def latest_copies():
    """Each registrant's latest copy of each organisers' message, with `sent_again` (an
    earlier copy exists). Staff may send a failed one again: the new copy replaces it."""
    later = RegistrationMessage.objects.filter(
        organiser_message=OuterRef("organiser_message"),
        registration=OuterRef("registration"),
        pk__gt=OuterRef("pk"),
    )
    earlier = RegistrationMessage.objects.filter(
        organiser_message=OuterRef("organiser_message"),
        registration=OuterRef("registration"),
        pk__lt=OuterRef("pk"),
    )
    return (
        RegistrationMessage.objects.filter(organiser_message__isnull=False)
        .exclude(Exists(later))
        .annotate(sent_again=Exists(earlier))
    )


def _counted(**filters):
    """How many registrants' latest copies of the outer message match `filters`."""
    counted = (
        latest_copies()
        .filter(organiser_message=OuterRef("pk"), **filters)
        .order_by()
        .values("organiser_message")
        .annotate(counter=Count("pk"))
        .values("counter")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def sent_messages(event):
    """The organisers' messages of `event`, newest first, with their numbers of recipients,
    delivered and undelivered emails (`recipients`, `delivered`, `undelivered`).

    A recipient is a registration, counted once however often it was sent the message;
    whether it arrived is judged by the latest copy."""
    return (
        OrganiserMessage.objects.filter(event_key=event.translation_key)
        .select_related("created_by")
        .annotate(
            recipients=_counted(),
            delivered=_counted(status=Status.SENT),
            undelivered=_counted(status__in=UNDELIVERED),
        )
    )


def preview_email(event, audience, language, texts, code):
    """(subject, text, html) of the message as a recipient reading `code` gets it.

    It is written for the first of them (their status decides whether the joining details
    show), with a fresh secret: the personal links in a preview open nobody's registration.
    """
    chosen = recipients(event, audience, language).order_by("pk")
    reader = chosen.filter(language=code).first() or chosen.first()
    registration = Registration(
        pk=reader.pk,
        event_key=event.translation_key,
        page_id=reader.page_id,
        language=code,
        status=reader.status,
        name=reader.name,
        email=reader.email,
        secret=uuid.uuid4(),
    )
    email = RegistrationMessage(
        registration=registration,
        kind=RegistrationMessage.Kind.ORGANISER_MESSAGE,
        organiser_message=OrganiserMessage(texts=texts),
    )
    return render_email(email, event_in_language(registration), code)
