"""A freed place is offered, not assigned: the next person waiting has a time to accept it
with one click, and an offer nobody answers passes on. Nothing is offered after
registration closes or the event starts; staff may still confirm someone by hand."""

import datetime
import io

import pytest

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Registration, RegistrationList
from events.registration.offers import sweep
from events.registration.services import cancel_registration, promote, register_for_event
from events.registration.tokens import make_token, personal_path
from home.admin.roles import ORGANISERS
from tests.browser.support import make_staff
from tests.support.factories import make_event
from tests.support.html import (
    assert_a_personal_page,
    soup,
    text,
)
from tests.support.registration import (
    answer_link,
    on_site,
    published_translation,
    without_double_opt_in,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def in_german(msgid):
    """The German wording the visitor reads on the event's (German) pages."""
    with translation.override("de"):
        return gettext(msgid)


def full_event(capacity=1, waiting=2, *, starts_in=datetime.timedelta(days=10), **registration):
    """An event with its places taken by first@… (and others), and people waiting
    (w0@…, w1@…, in that order)."""
    event = make_event(
        "Werkstatt", NOW + starts_in, registration=on_site(capacity=capacity, **registration)
    )
    without_double_opt_in(event)
    for number in range(capacity):
        name = "first" if number == 0 else f"c{number}"
        register_for_event(event, language="de", name=name, email=f"{name}@example.org", now=NOW)
    for number in range(waiting):
        register_for_event(
            event, language="en", name=f"W{number}", email=f"w{number}@example.org", now=NOW
        )
    return event


def status(email):
    return Registration.objects.get(email=email).status


def sent_to(email):
    return [message for message in mail.outbox if message.to == [email]]


def test_a_cancellation_offers_the_place_to_the_first_waiting_who_accepts_with_one_click(
    client, django_capture_on_commit_callbacks
):
    full_event()
    with django_capture_on_commit_callbacks(execute=True):
        offered = cancel_registration(Registration.objects.get(email="first@example.org"))
    assert offered.email == "w0@example.org"
    assert status("w0@example.org") == "offered" and status("w1@example.org") == "waiting"
    offered.refresh_from_db()
    assert offered.expires_at - offered.offered_at == datetime.timedelta(hours=48)

    (offer,) = sent_to("w0@example.org")
    assert offer.subject.startswith("A place is free for you")
    assert "Please answer by" in offer.body  # in the person's language, with the deadline
    link = answer_link(offer, "offer")
    # Opening the link (a mail scanner does) accepts nothing: the page has the buttons.
    page = client.get(link)
    assert in_german("Yes, I take the place") in page.text
    assert in_german("No, give the place to someone else") in page.text
    assert status("w0@example.org") == "offered"

    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(link, {"answer": "accept"}, follow=True)
    # The event has only a German page: the status page is the German one.
    assert "Ihr Platz ist bestätigt." in accepted.text
    assert status("w0@example.org") == "confirmed"
    confirmation = sent_to("w0@example.org")[-1]
    assert confirmation.subject.startswith("Your registration")
    assert any(part.get_content_type() == "text/calendar" for part in confirmation.attachments)


def test_an_unanswered_offer_lapses_and_passes_on_with_a_frozen_clock(
    client, django_capture_on_commit_callbacks
):
    event = full_event()
    RegistrationList.objects.filter(event_key=event.translation_key).update(offer_hours=24)
    cancel_registration(Registration.objects.get(email="first@example.org"), now=NOW)
    first_offer = Registration.objects.get(email="w0@example.org")
    assert first_offer.expires_at == NOW + datetime.timedelta(hours=24)

    # A second before the deadline the offer still stands, and the place is still held.
    assert sweep(now=NOW + datetime.timedelta(hours=24) - datetime.timedelta(seconds=1)) == (0, 0)
    assert status("w0@example.org") == "offered" and status("w1@example.org") == "waiting"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(now=NOW + datetime.timedelta(hours=24)) == (1, 1)
    assert status("w0@example.org") == "expired"
    assert status("w1@example.org") == "offered"
    (lapsed,) = sent_to("w0@example.org")
    assert "has gone to the next person" in lapsed.subject
    assert sent_to("w1@example.org")[0].subject.startswith("A place is free for you")
    # A sweep running again (or on a second server) changes nothing.
    assert sweep(now=NOW + datetime.timedelta(hours=24)) == (0, 0)

    assert Registration.objects.filter(status__in=["confirmed", "offered"]).count() == 1


def test_the_lapsed_persons_link_says_the_place_went_on(client, django_capture_on_commit_callbacks):
    full_event()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(Registration.objects.get(email="first@example.org"))
    link = answer_link(sent_to("w0@example.org")[0], "offer")
    Registration.objects.filter(email="w0@example.org").update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    # Not swept yet: answering lapses the offer first, and the place goes on.
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(link, {"answer": "accept"})
    assert (
        in_german(
            "The offer was not accepted in time, so the place has gone to the next person waiting."
        )
        in page.text
    )
    assert status("w0@example.org") == "expired"
    assert status("w1@example.org") == "offered"


def test_declining_cancels_and_offers_the_place_to_the_next(
    client, django_capture_on_commit_callbacks
):
    full_event()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(Registration.objects.get(email="first@example.org"))
    link = answer_link(sent_to("w0@example.org")[0], "offer")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(link, {"answer": "decline"})
    assert (
        in_german(
            "Thank you for letting us know: the place goes to the next person waiting, and your "
            "registration is cancelled."
        )
        in page.text
    )
    assert status("w0@example.org") == "cancelled"
    assert status("w1@example.org") == "offered"


def test_the_offer_time_is_shortened_to_the_close_of_registration():
    closes = NOW + datetime.timedelta(hours=5)
    full_event(closes_at=closes.isoformat())
    cancel_registration(Registration.objects.get(email="first@example.org"), now=NOW)
    assert Registration.objects.get(email="w0@example.org").expires_at == closes


def test_the_offer_time_is_shortened_to_the_start():
    event = full_event(starts_in=datetime.timedelta(hours=3))
    cancel_registration(Registration.objects.get(email="first@example.org"), now=NOW)
    offer = Registration.objects.get(email="w0@example.org")
    assert offer.expires_at == event.starts_at
    assert NOW < offer.expires_at <= NOW + datetime.timedelta(hours=3)


@pytest.mark.parametrize("when", ["after_close", "after_start"])
def test_no_offer_and_no_promotion_after_close_or_start(when, django_capture_on_commit_callbacks):
    closes = NOW + datetime.timedelta(days=2)
    event = full_event(closes_at=closes.isoformat())
    later = closes if when == "after_close" else event.starts_at + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        offered = cancel_registration(
            Registration.objects.get(email="first@example.org"), now=later
        )
        sweep(now=later)
    assert offered is None
    assert status("w0@example.org") == "waiting" and status("w1@example.org") == "waiting"
    assert not sent_to("w0@example.org")[1:]  # only the waiting-list email from before

    # Staff may still confirm someone by hand.
    assert promote(Registration.objects.get(email="w0@example.org"))
    assert status("w0@example.org") == "confirmed"


def test_an_offer_open_at_the_close_lapses_and_nobody_else_is_offered():
    closes = NOW + datetime.timedelta(hours=5)
    full_event(closes_at=closes.isoformat())
    cancel_registration(Registration.objects.get(email="first@example.org"), now=NOW)
    assert sweep(now=closes) == (1, 0)
    assert status("w0@example.org") == "expired" and status("w1@example.org") == "waiting"


def test_staff_may_confirm_someone_offered_a_place_by_hand(
    client, django_capture_on_commit_callbacks
):
    full_event()
    cancel_registration(Registration.objects.get(email="first@example.org"))
    offered = Registration.objects.get(email="w0@example.org")
    # Their place is already counted: no over-capacity question.
    assert promote(offered)
    assert status("w0@example.org") == "confirmed"
    assert status("w1@example.org") == "waiting"


def test_the_personal_page_and_the_desk_say_a_place_is_offered_and_until_when(client):
    event = full_event()
    cancel_registration(Registration.objects.get(email="first@example.org"), now=NOW)
    offered = Registration.objects.get(email="w0@example.org")
    page = client.get(personal_path(event, offered, "view"))
    text = " ".join(page.text.split())
    offered_until = in_german("A place is free for you: we keep it for you until %(deadline)s.")
    assert offered_until.split("%(deadline)s")[0] in text
    assert in_german("Accept or decline the place") in text

    client.force_login(make_staff("organiser", [ORGANISERS], language="en"))
    desk = soup(client.get(f"/admin/event-desk/{event.pk}/"))
    offered_count = desk.select_one("[data-desk-totals] [data-count=offered]")
    assert offered_count.get_text(" ", strip=True) == "Place offered 1"
    statuses = [cell.get_text(strip=True) for cell in desk.select("#listing-results td")]
    assert "Place offered" in statuses and "Waiting list" in statuses


def test_the_sweep_runs_every_minute_as_a_command(django_capture_on_commit_callbacks):
    assert ("lapse_registrations", 60) in settings.PERIODIC_JOBS
    full_event()
    cancel_registration(Registration.objects.get(email="first@example.org"))
    Registration.objects.filter(email="w0@example.org").update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    output = io.StringIO()
    call_command("lapse_registrations", stdout=output)
    assert "Lapsed 1 registration(s), offered 1 place(s)." in output.getvalue()
    assert status("w0@example.org") == "expired"
    assert status("w1@example.org") == "offered"


def test_the_offer_page_stays_out_of_search_engines_and_switches_language_in_place(client):
    event = full_event()
    english = published_translation(event)
    cancel_registration(Registration.objects.get(email="first@example.org"), now=NOW)
    offered = Registration.objects.get(email="w0@example.org")
    german_path = personal_path(event, offered, "offer")
    page = client.get(german_path)
    english_path = personal_path(english, offered, "offer")
    assert_a_personal_page(
        page, token=make_token(offered, "offer"), languages={"de": german_path, "en": english_path}
    )

    in_english = client.get(english_path)
    assert in_english.status_code == 200
    assert soup(in_english).h1.get_text() == "A place is free for you"
    assert "we are keeping it for W0" in text(in_english)
    assert status("w0@example.org") == "offered"  # opening it answers nothing
