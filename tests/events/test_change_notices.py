"""Change notices: a published change of an event's date, place, format, joining details or
status reaches everyone registered once, in their language, with a calendar file that
updates (or removes) the entry they have; the page, its JSON-LD and its calendar show the
status; the editor sees beforehand how many people will be told and may choose not to."""

import datetime
from unittest import mock

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.signals import page_published
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration, RegistrationMessage
from events.registration.services import RegistrationError, cancel_registration, register_for_event
from home.admin.roles import EDITORS, PUBLISHERS
from home.localization import get_locale
from tests.support.factories import event_index, make_event
from tests.support.html import ok_soup, text
from tests.support.ical import strict_calendar
from tests.support.registration import on_site, without_double_opt_in
from tests.support.structured_data import of_type
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

# Mid-morning in Europe, so that the two hours of the event never run past midnight there
# (a change of the start date alone would otherwise put the end before the start).
START = (timezone.now() + datetime.timedelta(days=20)).replace(
    hour=9, minute=0, second=0, microsecond=0
)


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    """A published hybrid event in German and English with two places and a waiting list:
    Ana (German) and John (English) confirmed, Marie (French) waiting, Paul cancelled. Their
    emails so far are in `mail.outbox`."""
    page = make_event(
        "Dialog vor Ort",
        START,
        end=START + datetime.timedelta(hours=2),
        format="hybrid",
        venue_name="Rathaus",
        venue_city="Bonn",
        online_url="https://meet.example.org/dialog",
        registration=on_site(capacity=2, waiting_list=True),
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("en")]).create_translations(page)
    english = page.get_translation(get_locale("en"))
    english.title = "Dialogue on site"
    english.save_revision().publish()
    without_double_opt_in(page)
    with django_capture_on_commit_callbacks(execute=True):
        for name, language in (("Ana", "de"), ("John", "en"), ("Paul", "de"), ("Marie", "fr")):
            register_for_event(
                page, language=language, name=name, email=f"{name.lower()}@example.org"
            )
        cancel_registration(Registration.objects.get(name="Paul"))
    return EventPage.objects.get(pk=page.pk)


def publish(event, capture, **changes):
    """Publish a new revision of `event` (its latest content with `changes`), as Wagtail's
    editor does, and run what waits for the commit (the emails)."""
    page = event.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    with capture(execute=True):
        revision.publish()
    return revision


def calendar_of(email):
    """The email's calendar attachment: (parsed strictly, its Content-Type's method)."""
    [part] = [
        part
        for part in email.attachments
        if not isinstance(part, tuple) and part.get_content_type() == "text/calendar"
    ]
    return strict_calendar(part.get_payload(decode=True)), part.get_param("method")


def vevent(calendar):
    [component] = calendar.walk("VEVENT")
    return component


def emails_to(address):
    return [email for email in mail.outbox if email.to == [address]]


def test_a_new_date_reaches_each_registrant_once_in_their_language_with_an_updated_entry(
    event, django_capture_on_commit_callbacks
):
    confirmation, _method = calendar_of(emails_to("john@example.org")[0])
    mail.outbox.clear()

    new_start = (START + datetime.timedelta(days=7)).astimezone(event.timing.zone)
    publish(event, django_capture_on_commit_callbacks, start_date=new_start.date())

    # Everyone confirmed or waiting, once; nobody whose registration is cancelled.
    assert sorted(email.to[0] for email in mail.outbox) == [
        "ana@example.org",
        "john@example.org",
        "marie@example.org",
    ]
    [english] = emails_to("john@example.org")
    assert english.subject == "Changed: Dialogue on site"
    assert "What has changed" in english.body
    assert "Date and time (previously:" in english.body
    assert "Geändert" not in english.body + english.subject
    [german] = emails_to("ana@example.org")
    assert german.subject == "Geändert: Dialog vor Ort"
    assert "Datum und Uhrzeit (bisher:" in german.body

    calendar, method = calendar_of(english)
    assert method == "PUBLISH"
    entry = vevent(calendar)
    earlier = vevent(confirmation)
    assert str(entry["UID"]) == str(earlier["UID"])
    assert int(entry["SEQUENCE"]) > int(earlier["SEQUENCE"])
    assert entry.decoded("DTSTART").date() == new_start.date()
    assert str(entry["STATUS"]) == "CONFIRMED"
    # Marie, waiting, was never given the entry: her notice brings none.
    [waiting] = emails_to("marie@example.org")
    assert waiting.attachments == []

    # The English page says the new date at once, and its own calendar file the same.
    english_page = event.get_translation(get_locale("en"))
    assert english_page.start_date == new_start.date()
    assert english_page.calendar_sequence == int(entry["SEQUENCE"])


def test_a_cancellation_removes_the_entry_from_the_registrants_calendars(
    event, django_capture_on_commit_callbacks
):
    uid = str(vevent(calendar_of(emails_to("ana@example.org")[0])[0])["UID"])
    mail.outbox.clear()

    publish(event, django_capture_on_commit_callbacks, event_status="cancelled")

    assert len(mail.outbox) == 3
    assert set(
        RegistrationMessage.objects.filter(kind="event_cancelled").values_list(
            "registration__name", flat=True
        )
    ) == {"Ana", "John", "Marie"}
    [english] = emails_to("john@example.org")
    assert english.subject == "Cancelled: Dialogue on site"
    calendar, method = calendar_of(english)
    assert method == "CANCEL"
    assert str(calendar["METHOD"]) == "CANCEL"
    entry = vevent(calendar)
    assert str(entry["UID"]) == uid
    assert str(entry["STATUS"]) == "CANCELLED"
    assert int(entry["SEQUENCE"]) == 1

    # Changing the date of a cancelled event tells nobody again.
    mail.outbox.clear()
    publish(
        event,
        django_capture_on_commit_callbacks,
        start_date=event.start_date + datetime.timedelta(days=1),
    )
    assert mail.outbox == []


def test_a_postponement_says_so_and_a_new_date_later_too(event, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    publish(event, django_capture_on_commit_callbacks, event_status="postponed")
    [english] = emails_to("john@example.org")
    assert english.subject == "Postponed: Dialogue on site"
    assert "it will not take place on the date below" in english.body
    assert str(vevent(calendar_of(english)[0])["STATUS"]) == "TENTATIVE"
    [french] = emails_to("marie@example.org")
    assert french.subject.startswith("Reporté\u00a0:")

    mail.outbox.clear()
    publish(
        event,
        django_capture_on_commit_callbacks,
        event_status="scheduled",
        start_date=event.start_date + datetime.timedelta(days=30),
    )
    [english] = emails_to("john@example.org")
    assert english.subject == "Changed: Dialogue on site"
    assert "The event has its new date, shown below." in english.body
    assert int(vevent(calendar_of(english)[0])["SEQUENCE"]) == 2


def test_a_change_scheduled_for_later_is_told_when_it_goes_live(
    event, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    announced = event.start_date
    page = EventPage.objects.get(pk=event.pk)
    page.start_date = announced + datetime.timedelta(days=3)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert mail.outbox == []
    assert EventPage.objects.get(pk=event.pk).start_date == announced

    # The hour has passed when the scheduler runs.
    later = timezone.now() + datetime.timedelta(hours=2)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled", verbosity=0)
    assert EventPage.objects.get(pk=event.pk).start_date == page.start_date
    assert len(mail.outbox) == 3


def test_changes_of_words_only_tell_nobody(event, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    publish(
        event,
        django_capture_on_commit_callbacks,
        teaser="Neu formuliert.",
        body=[("paragraph", "<p>Mehr dazu.</p>")],
    )
    assert mail.outbox == []
    assert not RegistrationMessage.objects.filter(kind__in=["event_changed", "event_cancelled"])
    assert EventPage.objects.get(pk=event.pk).calendar_sequence == 0


def test_publishing_the_same_change_again_tells_nobody_twice(
    event, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    revision = publish(event, django_capture_on_commit_callbacks, venue_name="Stadthalle")
    assert len(mail.outbox) == 3
    assert "Rathaus" in emails_to("ana@example.org")[0].body  # "bisher: Rathaus, Bonn"

    # The same content published again, and the same publication announced twice.
    publish(event, django_capture_on_commit_callbacks, venue_name="Stadthalle")
    page = EventPage.objects.get(pk=event.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page_published.send(sender=EventPage, instance=page, revision=revision)
    assert len(mail.outbox) == 3
    assert page.calendar_sequence == 1


def test_a_new_join_link_reaches_the_confirmed_only(event, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    publish(event, django_capture_on_commit_callbacks, online_url="https://meet.example.org/neu")
    assert sorted(email.to[0] for email in mail.outbox) == ["ana@example.org", "john@example.org"]
    assert "https://meet.example.org/neu" in emails_to("john@example.org")[0].body

    # With another change, people waiting hear of that one only.
    mail.outbox.clear()
    publish(
        event,
        django_capture_on_commit_callbacks,
        online_url="https://meet.example.org/saal",
        venue_name="Stadthalle",
    )
    assert len(mail.outbox) == 3
    assert "Joining details" in emails_to("john@example.org")[0].body
    [french] = emails_to("marie@example.org")
    assert "Lieu" in french.body
    assert "Informations d'accès" not in french.body


def test_a_translation_published_from_an_older_version_keeps_the_new_date(
    event, django_capture_on_commit_callbacks
):
    english = event.get_translation(get_locale("en"))
    older = english.get_latest_revision()
    publish(event, django_capture_on_commit_callbacks, event_status="postponed")
    assert EventPage.objects.get(pk=english.pk).event_status == "postponed"

    with django_capture_on_commit_callbacks(execute=True):
        older.publish()
    english = EventPage.objects.get(pk=english.pk)
    assert english.event_status == "postponed"
    assert english.calendar_sequence == 1


# --- what visitors see -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "german", "english", "schema", "ical"),
    [
        (
            "postponed",
            "Verschoben – ein neuer Termin folgt",
            "Postponed – a new date will follow",
            "https://schema.org/EventPostponed",
            "TENTATIVE",
        ),
        (
            "cancelled",
            "Diese Veranstaltung wurde abgesagt",
            "This event has been cancelled",
            "https://schema.org/EventCancelled",
            "CANCELLED",
        ),
    ],
)
def test_the_page_its_json_ld_its_calendar_and_the_listing_show_the_status(
    client, event, django_capture_on_commit_callbacks, status, german, english, schema, ical
):
    publish(event, django_capture_on_commit_callbacks, event_status=status)
    page = client.get(event.url)
    header = ok_soup(page).select_one(".event__header")
    assert german in text(header)
    # Nobody registers for it any more: no form, and a sent form is refused.
    assert ok_soup(page).select_one("#registration form") is None
    with pytest.raises(RegistrationError) as refused:
        register_for_event(event, language="de", name="Neu", email="neu@example.org")
    assert refused.value.code == "closed"
    [data] = of_type(page, "Event")
    assert data["eventStatus"] == schema

    translation = client.get(event.get_translation(get_locale("en")).url)
    assert english in text(ok_soup(translation).select_one(".event__header"))
    calendar = strict_calendar(client.get(f"{event.url}calendar/").content)
    assert str(vevent(calendar)["STATUS"]) == ical

    listing = ok_soup(client.get(event_index().url))
    [card] = [card for card in listing.select(".card") if "Dialog vor Ort" in text(card)]
    assert text(card.select_one(".card__badge")) == (
        "Verschoben" if status == "postponed" else "Abgesagt"
    )


def test_an_event_as_announced_has_no_status_notice(client, event):
    page = client.get(event.url)
    assert ok_soup(page).select_one(".event-status") is None
    assert ok_soup(page).select_one("#registration form") is not None
    [data] = of_type(page, "Event")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_search_engines_learn_the_earlier_start_of_a_rescheduled_event(
    client, event, django_capture_on_commit_callbacks
):
    earlier = event.timing.starts_at().isoformat()
    publish(
        event,
        django_capture_on_commit_callbacks,
        start_date=event.start_date + datetime.timedelta(days=2),
    )
    [data] = of_type(client.get(event.url), "Event")
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == earlier
    assert data["startDate"] != earlier


# --- the editor's choice -------------------------------------------------------------------


def german_admin(client, user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(user)
    return client


def edit_data(page, **changes):
    """What the event editor sends for `page`, with `changes` (e.g. the button pressed)."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "teaser": page.teaser,
        "occasion": page.occasion,
        "start_date": page.start_date.isoformat(),
        "start_time": page.start_time.strftime("%H:%M"),
        "end_date": "",
        "end_time": page.end_time.strftime("%H:%M") if page.end_time else "",
        "time_zone": page.time_zone,
        "event_status": page.event_status,
        "format": page.format,
        "venue_name": page.venue_name,
        "venue_city": page.venue_city,
        "online_url": page.online_url,
        "join_details_release": str(page.join_details_release),
        "reminders": [str(hours) for hours in page.reminders],
        "registration": streamfield(
            [
                (
                    "on_site",
                    {
                        "opens_at": "",
                        "closes_at": "",
                        "capacity": "2",
                        "waiting_list": "on",
                        "questions": {"count": "0"},
                    },
                )
            ]
        ),
        "body": streamfield([]),
        "agenda": streamfield([]),
        "outputs": streamfield([]),
        "follow_up_after": "24",
        "feedback": streamfield([]),
        "speakers": inline_formset([]),
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


def notify_box(response):
    box = ok_soup(response).select_one("input[name=notify_registrants]")
    help_text = text(box.find_parent(attrs={"data-field-wrapper": True}) or box.parent.parent)
    return box, help_text


def test_the_editor_sees_who_will_be_told_and_can_publish_a_correction_quietly(
    client, event, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    admin = german_admin(client, get_user_model().objects.get(username="admin"))
    edit_url = f"/admin/pages/{event.pk}/edit/"
    box, help_text = notify_box(admin.get(edit_url))
    assert box.has_attr("checked")
    assert "erhalten 3 angemeldete Personen (2 bestätigt, 1 auf der Warteliste)" in help_text
    mail.outbox.clear()

    # A typo in the venue, corrected without telling anyone.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            edit_url, edit_data(event, venue_name="Rathaus Bonn", **{"action-publish": "1"})
        )
    assert response.status_code == 302
    page = EventPage.objects.get(pk=event.pk)
    assert page.venue_name == "Rathaus Bonn"
    assert mail.outbox == []
    # The next edit starts ticked again, even after a draft saved unticked.
    box, _help = notify_box(admin.get(edit_url))
    assert box.has_attr("checked")
    admin.post(edit_url, edit_data(page, teaser="Entwurf."))
    assert EventPage.objects.get(pk=event.pk).has_unpublished_changes
    box, _help = notify_box(admin.get(edit_url))
    assert box.has_attr("checked")

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            edit_url,
            edit_data(
                page,
                venue_name="Stadthalle",
                notify_registrants="on",
                **{"action-publish": "1"},
            ),
        )
    assert sorted(email.to[0] for email in mail.outbox) == [
        "ana@example.org",
        "john@example.org",
        "marie@example.org",
    ]


def test_a_new_event_tells_the_editor_that_nobody_will_be_emailed(client):
    from django.contrib.auth import get_user_model

    admin = german_admin(client, get_user_model().objects.get(username="admin"))
    response = admin.get(f"/admin/pages/add/events/eventpage/{event_index().pk}/")
    _box, help_text = notify_box(response)
    assert "hat sich noch niemand angemeldet, daher erhält niemand eine E-Mail" in help_text


def test_the_editors_choice_travels_through_review(
    client, event, django_capture_on_commit_callbacks
):
    editor = member_of(EDITORS, username="redakteurin")
    publisher = member_of(PUBLISHERS, username="herausgeber")
    mail.outbox.clear()
    german_admin(client, editor)
    edit_url = f"/admin/pages/{event.pk}/edit/"
    response = client.post(
        edit_url, edit_data(event, venue_name="Rathaus, Saal 2", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    # The publisher sees what the editor chose, and approves it.
    german_admin(client, publisher)
    box, _help = notify_box(client.get(edit_url))
    assert not box.has_attr("checked")
    state = WorkflowState.objects.get(object_id=str(event.pk), status="in_progress")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{event.pk}/approve/{state.current_task_state.pk}/",
            {"comment": ""},
        )
    page = EventPage.objects.get(pk=event.pk)
    assert page.live and page.venue_name == "Rathaus, Saal 2"
    assert not RegistrationMessage.objects.filter(kind="event_changed").exists()
    assert not [email for email in mail.outbox if "Geändert" in email.subject]
    box, _help = notify_box(client.get(edit_url))
    assert box.has_attr("checked")
