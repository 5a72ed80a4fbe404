"""Staff see which registration emails may not have arrived, and why, on the registration
page and at the event desk, and send them again; a mail provider's bounce reports (through
django-anymail) mark the email they are about."""

import base64
import datetime
import importlib

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from bs4 import BeautifulSoup

from django.core import mail
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, get_resolver, resolve, reverse
from django.utils import timezone

from events.models import RegistrationMessage
from events.registration.offers import accept_offer
from events.registration.services import cancel_registration, register_for_event
from tests.support.factories import make_event
from tests.support.html import text
from tests.support.registration import on_site, without_double_opt_in

pytestmark = pytest.mark.django_db

PROVIDER = "anymail.backends.test.EmailBackend"
BOUNCED_IN_WORDS = "Der Mailserver der angemeldeten Person hat die E-Mail nicht angenommen"


@pytest.fixture
def event():
    return without_double_opt_in(
        make_event(
            "Werkstatt Partnerschaften",
            timezone.now() + datetime.timedelta(days=12),
            registration=on_site(capacity=5),
        )
    )


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("team", "team@example.org", "pw")
    client.force_login(user)
    return client


def register(capture, event, name, email):
    with capture(execute=True):
        return register_for_event(event, language="de", name=name, email=email)


def report(event_type, **fields):
    """A provider's webhook report, as anymail hands it to the site."""
    tracking.send(
        sender=object,
        event=AnymailTrackingEvent(event_type=event_type, **fields),
        esp_name="Postmark",
    )


@override_settings(EMAIL_BACKEND=PROVIDER)
def test_a_bounce_reported_by_the_provider_is_shown_to_staff_who_send_the_email_again(
    staff, event, django_capture_on_commit_callbacks
):
    ana = register(django_capture_on_commit_callbacks, event, "Ana Souza", "ana@example.org")
    ben = register(django_capture_on_commit_callbacks, event, "Ben Okafor", "ben@example.org")
    confirmation = ana.messages.get()
    assert confirmation.status == "sent"
    # The provider's id for the email is kept, to match its later reports.
    assert confirmation.provider_message_id == "0"

    report("delivered", message_id="1")  # Ben's arrived: nothing to see
    report("bounced", message_id="0", description="550 5.1.1 Mailbox unknown")
    confirmation.refresh_from_db()
    assert confirmation.status == "bounced"
    assert "550 5.1.1 Mailbox unknown" in confirmation.last_error
    assert ben.messages.get().status == "sent"

    # The registration page says what happened, in the staff member's language.
    page = BeautifulSoup(
        staff.get(reverse("events_manage_registration", args=[ana.pk])).content, "html.parser"
    )
    row = page.find("tr", attrs={"data-email-kind": "confirmation"})
    assert "Unzustellbar" in text(row)
    assert BOUNCED_IN_WORDS in text(row)
    assert "550 5.1.1 Mailbox unknown" in text(row)

    # The desk counts and lists it, and filters the registrations concerned.
    desk = BeautifulSoup(staff.get(reverse("events_desk", args=[event.pk])).content, "html.parser")
    problems = desk.find(attrs={"data-delivery-problems": True})
    assert "Zustellprobleme: 1 E-Mail" in text(problems)
    assert "Ana Souza" in text(problems) and "Ben Okafor" not in text(problems)
    assert BOUNCED_IN_WORDS in text(problems)
    filtered = staff.get(reverse("events_desk", args=[event.pk]) + "?delivery=problems")
    listed = text(BeautifulSoup(filtered.content, "html.parser").find(id="listing-results"))
    assert "Ana Souza" in listed and "Ben Okafor" not in listed

    # Staff correct the address and send that email again from the desk.
    ana.email = "ana.souza@example.org"
    ana.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("events_desk_action", args=[event.pk, ana.pk]),
            {"action": "resend", "message": confirmation.pk, "query": ""},
        )
    assert response.status_code == 302
    [again] = mail.outbox
    assert again.to == ["ana.souza@example.org"]
    assert again.subject == "Ihre Anmeldung: Werkstatt Partnerschaften"
    latest = ana.messages.order_by("-pk").first()
    assert latest.pk != confirmation.pk and latest.kind == "confirmation"
    assert latest.status == "sent"
    # The bounce stays in Ana's history; the desk no longer lists it: the email arrived.
    assert RegistrationMessage.objects.get(pk=confirmation.pk).status == "bounced"
    desk = BeautifulSoup(staff.get(reverse("events_desk", args=[event.pk])).content, "html.parser")
    assert desk.find(attrs={"data-delivery-problems": True}) is None


def test_a_report_naming_our_message_id_marks_an_email_sent_through_smtp(
    event, django_capture_on_commit_callbacks
):
    ana = register(django_capture_on_commit_callbacks, event, "Ana Souza", "ana@example.org")
    confirmation = ana.messages.get()
    assert confirmation.provider_message_id == ""  # SMTP gives no id of its own
    report("complained", message_id=confirmation.message_id.strip("<>"))
    confirmation.refresh_from_db()
    assert confirmation.status == "bounced"
    assert (
        confirmation.last_error
        == "Postmark: Die Empfängerin oder der Empfänger hat die E-Mail als Spam markiert."
    )


def test_staff_resend_a_failed_email_from_the_registration_page(
    staff, event, django_capture_on_commit_callbacks
):
    ana = register(django_capture_on_commit_callbacks, event, "Ana Souza", "ana@example.org")
    RegistrationMessage.objects.filter(registration=ana).update(
        status="failed", last_error="SMTPServerDisconnected: Connection unexpectedly closed"
    )
    url = reverse("events_manage_registration", args=[ana.pk])
    page = BeautifulSoup(staff.get(url).content, "html.parser")
    row = page.find("tr", attrs={"data-email-kind": "confirmation"})
    assert "Der Mailserver hat die E-Mail abgelehnt oder war nicht erreichbar" in text(row)
    button = row.find("button", attrs={"value": "resend"})
    assert button.get_text(strip=True) == "Erneut senden"
    message = row.find("input", attrs={"name": "message"})["value"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"action": "resend", "message": message})
    assert [email.to for email in mail.outbox] == [["ana@example.org"]]
    assert ana.messages.filter(status="sent").count() == 1


@pytest.fixture
def provider_webhook():
    """The site's URLs as they are with a provider configured (they are read at start)."""
    import campaign_site.urls

    with override_settings(
        ANYMAIL={"WEBHOOK_SECRET": "postmark:hook-secret"}, EMAIL_WEBHOOK_PATH="hooks-7f3a9c"
    ):
        importlib.reload(campaign_site.urls)
        clear_url_caches()
        yield "/hooks-7f3a9c/anymail/postmark/tracking/"
    importlib.reload(campaign_site.urls)
    clear_url_caches()


def test_without_a_provider_no_webhook_is_served():
    with pytest.raises(Resolver404):
        resolve("/anymail/postmark/tracking/")
    assert not any("anymail" in str(pattern.pattern) for pattern in get_resolver().url_patterns)


def test_a_providers_bounce_webhook_marks_the_email(
    client, provider_webhook, event, django_capture_on_commit_callbacks
):
    ana = register(django_capture_on_commit_callbacks, event, "Ana Souza", "ana@example.org")
    # As if sent through Postmark, which answered with its id for the email.
    ana.messages.update(provider_message_id="883953f4-6105-42a2-a16a-77a8eac79483")
    bounce = {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": "ana@example.org",
        "BouncedAt": "2026-12-02T10:00:00Z",
    }
    refused = client.post(provider_webhook, bounce, content_type="application/json")
    assert refused.status_code == 400  # without the webhook's password
    assert ana.messages.get().status == "sent"
    credentials = base64.b64encode(b"postmark:hook-secret").decode()
    response = client.post(
        provider_webhook,
        bounce,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert response.status_code == 200
    message = ana.messages.get()
    assert message.status == "bounced"
    assert "does not exist" in message.last_error


def test_an_email_that_no_longer_fits_the_registration_is_not_sent_again(
    staff, event, django_capture_on_commit_callbacks
):
    ana = register(django_capture_on_commit_callbacks, event, "Ana Souza", "ana@example.org")
    confirmation = ana.messages.get()
    RegistrationMessage.objects.filter(pk=confirmation.pk).update(status="bounced")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(ana)
    # "Your place is confirmed" must not reach someone who cancelled since.
    url = reverse("events_manage_registration", args=[ana.pk])
    page = BeautifulSoup(staff.get(url).content, "html.parser")
    row = page.find("tr", attrs={"data-email-kind": "confirmation"})
    assert BOUNCED_IN_WORDS in text(row)
    assert row.find("button", attrs={"value": "resend"}) is None
    assert "Gilt nicht mehr: Die Anmeldung ist jetzt storniert." in text(row)
    desk = BeautifulSoup(staff.get(reverse("events_desk", args=[event.pk])).content, "html.parser")
    listed = desk.find(attrs={"data-delivery-problem": str(confirmation.pk)})
    assert listed.find("button", attrs={"value": "resend"}) is None
    assert "Gilt nicht mehr: Die Anmeldung ist jetzt storniert." in text(listed)

    # A button kept open in another tab is refused, and nothing is queued.
    written = ana.messages.count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("events_desk_action", args=[event.pk, ana.pk]),
            {"action": "resend", "message": confirmation.pk, "query": ""},
            follow=True,
        )
    assert (
        "Die E-Mail wurde nicht erneut gesendet. Gilt nicht mehr: Die Anmeldung ist jetzt "
        "storniert." in text(BeautifulSoup(response.content, "html.parser"))
    )
    assert not mail.outbox
    assert ana.messages.count() == written


def test_a_waiting_list_email_is_not_sent_again_once_the_place_is_confirmed(
    staff, django_capture_on_commit_callbacks
):
    event = make_event(
        "Werkstatt Netzwerke",
        timezone.now() + datetime.timedelta(days=12),
        registration=on_site(capacity=1),
    )
    without_double_opt_in(event)
    ana = register(django_capture_on_commit_callbacks, event, "Ana Souza", "ana@example.org")
    ben = register(django_capture_on_commit_callbacks, event, "Ben Okafor", "ben@example.org")
    waiting = ben.messages.get(kind="waiting")
    RegistrationMessage.objects.filter(pk=waiting.pk).update(status="failed")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(ana)  # Ben is offered the place and takes it
        accept_offer(ben)
    ben.refresh_from_db()
    assert ben.status == "confirmed"
    url = reverse("events_manage_registration", args=[ben.pk])
    row = BeautifulSoup(staff.get(url).content, "html.parser").find(
        "tr", attrs={"data-email-kind": "waiting"}
    )
    assert row.find("button", attrs={"value": "resend"}) is None
    assert "Gilt nicht mehr: Die Anmeldung ist jetzt bestätigt." in text(row)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"action": "resend", "message": waiting.pk}, follow=True)
    assert "Die E-Mail wurde nicht erneut gesendet." in text(
        BeautifulSoup(response.content, "html.parser")
    )
    assert not mail.outbox
    assert not ben.messages.filter(kind="waiting", pk__gt=waiting.pk).exists()
