"""Messages from the organisers: written at an event's desk to confirmed and/or waiting
registrants (or one language group of them), previewed per language, sent to each person
in their language through the outbox, listed at the desk and in each person's history."""

import datetime
import html

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone, translation

from events.models import OrganiserMessage, Registration, RegistrationMessage
from events.registration.organiser_messages import count_table, recipient_counts
from events.registration.services import cancel_registration, register_for_event
from events.timing import describe_instant
from home.admin.roles import EDITORS, ORGANISERS
from tests.browser.support import make_staff
from tests.support.factories import make_event
from tests.support.registration import on_site, without_double_opt_in
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

PEOPLE = [
    # name, language; three places: the first three are confirmed, the next two wait.
    ("Anna Adler", "de"),
    ("Ben Brown", "en"),
    ("Chloé Caron", "fr"),
    ("Dora Dietz", "de"),
    ("Emma Evans", "en"),
]

TEXTS = {
    "de": ("Raumänderung", "Liebe Teilnehmende,\n\nwir treffen uns in Raum 4."),
    "en": ("Change of room", "Dear participants,\n\nwe meet in room 4."),
    "fr": ("Changement de salle", "Chers participants,\n\nnous nous retrouvons en salle 4."),
}


@pytest.fixture
def event(django_capture_on_commit_callbacks, mailoutbox):
    """Anna (de), Ben (en), Chloé (fr) confirmed; Dora (de), Emma (en) waiting; Fritz (de)
    cancelled. Their registration emails are not kept."""
    page = make_event(
        "Fachgespräch: Partnerschaften im Dialog",
        timezone.now() + datetime.timedelta(days=10),
        registration=on_site(capacity=3),
    )
    without_double_opt_in(page)
    with django_capture_on_commit_callbacks(execute=True):
        for name, language in [*PEOPLE, ("Fritz Fischer", "de")]:
            register_for_event(
                page, language=language, name=name, email=f"{name.split()[0].lower()}@example.org"
            )
        cancel_registration(Registration.objects.get(name="Fritz Fischer"))
    mailoutbox.clear()
    return page


@pytest.fixture
def organiser(client):
    """An event organiser reading the admin in English."""
    user = make_staff("organiser", [ORGANISERS], language="en")
    client.force_login(user)
    return user


def write_url(event):
    return f"/admin/event-desk/{event.pk}/message/"


def form_data(audience="confirmed", language="", languages=("de", "en", "fr"), **extra):
    data = {"audience": audience, "language": language}
    for code in languages:
        data[f"subject_{code}"], data[f"body_{code}"] = TEXTS[code]
    return {**data, **extra}


def previewed(client, event, **data):
    """Preview the message; returns what the preview's send form posts."""
    preview = client.post(write_url(event), {**form_data(**data), "action": "preview"})
    assert preview.status_code == 200
    page = BeautifulSoup(preview.content, "html.parser")
    hidden = {
        field["name"]: field.get("value", "")
        for field in page.select("form input[type=hidden]")
        if field["name"] != "csrfmiddlewaretoken"
    }
    assert hidden, "the preview offers no way to send"
    return {**hidden, "action": "send"}


def send(client, event, capture, **data):
    """Preview the message, then send it as the preview offered; returns the last response."""
    sending = previewed(client, event, **data)
    with capture(execute=True):
        return client.post(write_url(event), sending, follow=True)


def received(mailoutbox):
    return {email.to[0].split("@")[0]: email for email in mailoutbox}


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_confirmed_people_get_it_each_in_their_language(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    response = send(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Your message is being sent to 3 people." in text_of(response)
    emails = received(mailoutbox)
    assert sorted(emails) == ["anna", "ben", "chloé"]
    for person, language in [("anna", "de"), ("ben", "en"), ("chloé", "fr")]:
        subject, body = TEXTS[language]
        email = emails[person]
        assert email.subject == subject
        assert body.split("\n\n")[1] in email.body
        html_part = email.alternatives[0][0]
        assert html.escape(body.split("\n\n")[1]) in html_part
        assert f'lang="{language}"' in html_part
    # The English and French emails carry none of the German text.
    for person in ("ben", "chloé"):
        assert "Raum" not in emails[person].body and "Liebe" not in emails[person].body
    message = OrganiserMessage.objects.get()
    assert message.created_by == organiser
    assert set(message.texts) == {"de", "en", "fr"}
    assert message.deliveries.filter(status="sent").count() == 3


def test_waiting_people_only_and_only_their_languages_are_asked_for(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    # Dora (de) and Emma (en) wait: no French text is needed.
    send(
        client,
        event,
        django_capture_on_commit_callbacks,
        audience="waiting",
        languages=("de", "en"),
    )
    emails = received(mailoutbox)
    assert sorted(emails) == ["dora", "emma"]
    assert emails["emma"].subject == "Change of room"
    assert emails["dora"].subject == "Raumänderung"


def test_confirmed_and_waiting_but_never_cancelled(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    send(client, event, django_capture_on_commit_callbacks, audience="both")
    assert sorted(received(mailoutbox)) == ["anna", "ben", "chloé", "dora", "emma"]


def test_one_language_group_only(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    send(
        client,
        event,
        django_capture_on_commit_callbacks,
        audience="both",
        language="en",
        languages=("en",),
    )
    emails = received(mailoutbox)
    assert sorted(emails) == ["ben", "emma"]
    assert {email.subject for email in emails.values()} == {"Change of room"}
    assert OrganiserMessage.objects.get().texts.keys() == {"en"}


def test_the_form_names_how_many_people_read_each_language(client, organiser, event):
    page = BeautifulSoup(client.get(write_url(event)).content, "html.parser")
    legends = [legend.get_text(" ", strip=True) for legend in page.select("fieldset legend")]
    assert "German – 1 recipient" in legends
    assert "French – 1 recipient" in legends
    # Choosing the waiting list and updating the numbers: nobody reads French there.
    response = client.post(write_url(event), {"audience": "waiting", "action": "count"})
    page = BeautifulSoup(response.content, "html.parser")
    legends = [legend.get_text(" ", strip=True) for legend in page.select("fieldset legend")]
    assert "English – 1 recipient" in legends
    assert "French – 0 recipients" in legends
    assert "The chosen group holds 2 people." in text_of(response)


def test_a_language_with_recipients_but_no_text_is_refused_and_the_text_kept(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    data = form_data(languages=("de", "fr"), action="preview")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write_url(event), data)
        also_sent = client.post(write_url(event), {**data, "action": "send", "total": "3"})
    for answer in (response, also_sent):
        assert answer.status_code == 200
        page = BeautifulSoup(answer.content, "html.parser")
        text = page.get_text(" ", strip=True)
        assert "1 recipient reads English: write a subject in English." in text
        assert "1 recipient reads English: write the text in English." in text
        # What was typed is still there.
        assert page.select_one("#id_subject_fr")["value"] == "Changement de salle"
        assert page.select_one("#id_body_de").get_text().strip() == TEXTS["de"][1]
    assert not mailoutbox
    assert not OrganiserMessage.objects.exists()
    assert not RegistrationMessage.objects.filter(kind="organiser_message").exists()


def test_sending_to_nobody_is_refused(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    # Nobody French is waiting.
    data = form_data(audience="waiting", language="fr", languages=("fr",))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write_url(event), {**data, "action": "send", "total": "0"})
    assert "Nobody is in the chosen group: there is no one to send this message to." in text_of(
        response
    )
    assert not mailoutbox
    assert not OrganiserMessage.objects.exists()


def test_the_preview_shows_each_language_as_its_readers_get_it_and_sends_nothing(
    client, organiser, event, mailoutbox
):
    response = client.post(write_url(event), {**form_data(), "action": "preview"})
    page = BeautifulSoup(response.content, "html.parser")
    french = page.select_one('[data-message-preview="fr"]')
    assert french.select_one("[data-preview-subject]").get_text() == "Changement de salle"
    email = BeautifulSoup(french.select_one("iframe")["srcdoc"], "html.parser")
    assert email.html["lang"] == "fr"
    assert "nous nous retrouvons en salle 4." in email.get_text(" ", strip=True)
    # Every word around the organisers' text is French too.
    assert "Annuler votre inscription" in email.get_text(" ", strip=True)
    assert page.find("button", string="Send to 3 people") is not None
    assert not mailoutbox
    assert not OrganiserMessage.objects.exists()


def test_a_changed_number_of_recipients_is_shown_again_before_sending(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write_url(event), {**form_data(), "action": "send", "total": "2"})
    assert "The number of recipients has changed since the preview." in text_of(response)
    assert not mailoutbox


def test_the_desk_lists_the_message_with_its_numbers_and_a_page_of_its_own(
    client, organiser, event, django_capture_on_commit_callbacks
):
    send(client, event, django_capture_on_commit_callbacks)
    desk = BeautifulSoup(client.get(f"/admin/event-desk/{event.pk}/").content, "html.parser")
    row = desk.select_one("[data-desk-messages] tbody tr")
    cells = [cell.get_text(strip=True) for cell in row.select("td")]
    assert cells[0] == "Raumänderung"
    assert cells[2:] == ["organiser", "3", "3", "0"]
    detail = client.get(row.select_one("a")["href"])
    assert detail.status_code == 200
    page = BeautifulSoup(detail.content, "html.parser")
    rows = [
        [cell.get_text(strip=True) for cell in tr.select("td")]
        for tr in page.select("[data-message-deliveries] tbody tr")
    ]
    assert [(name, status) for name, _email, _lang, status, _at in rows] == [
        ("Anna Adler", "Sent"),
        ("Ben Brown", "Sent"),
        ("Chloé Caron", "Sent"),
    ]
    assert "Change of room" in page.select_one('[data-message-text="en"]').get_text()


def test_the_registrants_history_shows_the_message(
    client, organiser, event, django_capture_on_commit_callbacks
):
    send(client, event, django_capture_on_commit_callbacks)
    ben = Registration.objects.get(name="Ben Brown")
    page = BeautifulSoup(
        client.get(f"/admin/registrations/{ben.pk}/manage/").content, "html.parser"
    )
    rows = {
        row["data-email-kind"]: [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select("tr[data-email-kind]")
    }
    assert rows["confirmation"][:2] == ["Confirmation", f"Your registration: {event.title}"]
    kind, subject, date, status = rows["organiser_message"][:4]
    assert (kind, subject, status) == ("Message from the organisers", "Change of room", "Sent")
    assert date


def test_staff_without_desk_access_get_403_and_nothing_is_sent(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member_of(EDITORS))
    assert client.get(write_url(event)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(write_url(event), {**form_data(), "action": "send", "total": "3"})
    assert refused.status_code == 403
    assert not mailoutbox
    assert not OrganiserMessage.objects.exists()


def test_the_form_in_german_and_french(client, event):
    client.force_login(make_staff("veranstalter", [ORGANISERS], language="de"))
    german = text_of(client.get(write_url(event)))
    assert "Französisch – 1 Empfänger" in german
    assert "Vorschau" in german
    client.force_login(make_staff("organisatrice", [ORGANISERS], language="fr"))
    french = text_of(client.get(write_url(event)))
    assert "Allemand – 1 destinataire" in french
    assert "Aperçu" in french


def register_in_spanish(event):
    """Someone registered in a language the site no longer offers (written directly)."""
    Registration.objects.create(
        event_key=event.translation_key,
        page=event,
        language="es",
        name="Elena Esteban",
        email="elena@example.org",
        consent_at=timezone.now(),
    )


def test_the_numbers_the_form_shows_at_once_are_those_the_server_counts(event):
    # Someone who registered in a language the site no longer offers reads the source's.
    register_in_spanish(event)
    table = count_table(event)
    for audience in ("confirmed", "waiting", "both"):
        for language in ("", "de", "en", "fr"):
            assert table[f"{audience}:{language}"] == recipient_counts(event, audience, language)
    assert table["confirmed:"] == {"de": 2, "en": 1, "fr": 1}
    assert table["confirmed:de"] == {"de": 1, "en": 0, "fr": 0}


def test_someone_registered_in_a_language_no_longer_offered_gets_the_source_text(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    register_in_spanish(event)
    send(client, event, django_capture_on_commit_callbacks)
    assert received(mailoutbox)["elena"].subject == "Raumänderung"


def test_the_send_step_posted_twice_sends_the_message_once(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    sending = previewed(client, event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(event), sending)
        again = client.post(write_url(event), sending, follow=True)
    assert "already sent this message to this group" in text_of(again)
    assert OrganiserMessage.objects.count() == 1
    assert len(mailoutbox) == 3
    # A different text to the same people is a new message.
    send(client, event, django_capture_on_commit_callbacks, subject_de="Neuer Raum")
    assert OrganiserMessage.objects.count() == 2


def test_a_message_sent_again_counts_its_recipient_once_by_the_latest_copy(
    client, organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    send(client, event, django_capture_on_commit_callbacks)
    ben = Registration.objects.get(name="Ben Brown")
    failed = ben.messages.get(kind="organiser_message")
    RegistrationMessage.objects.filter(pk=failed.pk).update(
        status="failed", last_error="SMTPRecipientsRefused"
    )
    desk_url = f"/admin/event-desk/{event.pk}/"
    desk = BeautifulSoup(client.get(desk_url).content, "html.parser")
    cells = [cell.get_text(strip=True) for cell in desk.select("[data-desk-messages] tbody td")]
    assert cells[3:] == ["3", "2", "1"]

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{desk_url}registrations/{ben.pk}/",
            {"action": "resend", "message": failed.pk, "query": ""},
        )
    assert [email.to for email in mailoutbox] == [["ben@example.org"]]

    desk = BeautifulSoup(client.get(desk_url).content, "html.parser")
    row = desk.select_one("[data-desk-messages] tbody tr")
    cells = [cell.get_text(strip=True) for cell in row.select("td")]
    assert cells[3:] == ["3", "3", "0"]
    page = BeautifulSoup(client.get(row.select_one("a")["href"]).content, "html.parser")
    facts = page.select_one("[data-message-facts]").get_text(" ", strip=True)
    assert "3 in all, 3 delivered, 0 failed" in facts
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.select("td")]
        for tr in page.select("[data-message-deliveries] tbody tr")
    ]
    assert [(name, status) for name, _email, _lang, status, _at in rows] == [
        ("Anna Adler", "Sent"),
        ("Ben Brown", "Sent (sent again)"),
        ("Chloé Caron", "Sent"),
    ]


def test_a_subject_of_more_than_one_line_is_refused(client, organiser, event, mailoutbox):
    response = client.post(
        write_url(event),
        {**form_data(subject_en="Change of room\nBcc: everyone@example.org"), "action": "preview"},
    )
    assert "Please enter one line, without line breaks" in text_of(response)
    assert OrganiserMessage.objects.count() == 0 and mailoutbox == []


def test_message_and_email_times_are_the_events_local_time_with_its_zone(
    client, organiser, django_capture_on_commit_callbacks
):
    """Like every time staff see of an event, in its own zone and naming it: not the
    server's zone, not a time without a zone."""
    event = make_event(
        "Fachgespräch in New York",
        timezone.now() + datetime.timedelta(days=10),
        time_zone="America/New_York",
        registration=on_site(capacity=3),
    )
    without_double_opt_in(event)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(event, language="en", name="Ben Brown", email="ben@example.org")
    send(client, event, django_capture_on_commit_callbacks, languages=("en",))
    # One email did not arrive: the desk lists it among its delivery problems.
    RegistrationMessage.objects.filter(kind="organiser_message").update(
        status="failed", last_error="SMTPRecipientsRefused"
    )
    message = OrganiserMessage.objects.get()
    with translation.override("en"):  # the organiser's admin language
        in_new_york = describe_instant(message.created_at, "America/New_York")
    assert "(New York, E" in in_new_york  # EST or EDT

    desk = BeautifulSoup(client.get(f"/admin/event-desk/{event.pk}/").content, "html.parser")
    row = desk.select_one("[data-desk-messages] tbody tr")
    assert in_new_york in row.select("td")[1].get_text(" ", strip=True)

    page = BeautifulSoup(client.get(row.select_one("a")["href"]).content, "html.parser")
    assert in_new_york in page.select_one("[data-message-facts]").get_text(" ", strip=True)
    [delivery] = page.select("[data-message-deliveries] tbody tr")
    assert "(New York, E" in delivery.select("td")[-1].get_text(" ", strip=True)

    problem = desk.select_one("[data-delivery-problems] tbody tr")
    assert "(New York, E" in problem.select("td")[1].get_text(" ", strip=True)

    ben = Registration.objects.get(name="Ben Brown")
    history = BeautifulSoup(
        client.get(f"/admin/registrations/{ben.pk}/manage/").content, "html.parser"
    )
    for row in history.select("tr[data-email-kind]"):
        assert "(New York, E" in row.select("td")[2].get_text(" ", strip=True)
