"""Staff add and edit registrations in the admin: through the rules of the public form,
with clear errors and never a server error."""

import datetime
from unittest import mock

import pytest

from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from events.models import Registration
from events.registration.services import register_for_event
from tests.support.factories import make_event
from tests.support.html import soup, text
from tests.support.registration import on_site
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/registrations/new/"


def edit_url(registration):
    return f"/admin/registrations/edit/{registration.pk}/"


@pytest.fixture
def staff(client):
    """An organiser who may also add registrations, signed in."""
    user = member_of("Event organisers", username="desk")
    user.user_permissions.add(Permission.objects.get(codename="add_registration"))
    client.force_login(user)
    return client


def make_registration_event(title, **rules):
    return make_event(
        title, timezone.now() + datetime.timedelta(days=6), registration=on_site(**rules)
    )


def add(client, capture, for_event, **overrides):
    data = {
        "event": for_event.pk,
        "language": "fr",
        "name": "Camille Martin",
        "email": "Camille@Example.org ",
        "organisation": "",
        "stakeholder_group": "",
        "country": "",
        "accessibility_needs": "",
        "consent": "on",
    }
    data.update(overrides)
    with capture(execute=True):
        return client.post(ADD_URL, data)


def test_staff_add_a_registration_to_an_event_through_the_rules(
    staff, django_capture_on_commit_callbacks
):
    event = make_registration_event("Sprechstunde", capacity=1, waiting_list=True)
    form = soup(staff.get(ADD_URL))
    choices = [option.get_text() for option in form.select("select[name=event] option")]
    assert any(choice.startswith("Sprechstunde (") for choice in choices)

    first = add(staff, django_capture_on_commit_callbacks, event)
    assert first.status_code == 302
    camille = Registration.objects.get(event_key=event.translation_key)
    assert camille.email == "camille@example.org"
    assert camille.status == "confirmed" and camille.language == "fr"
    # The place is taken: the next one added waits, like on the public form.
    second = add(staff, django_capture_on_commit_callbacks, event, email="noor@example.org")
    assert second.status_code == 302
    assert Registration.objects.get(email="noor@example.org").status == "waiting"
    # Each is told by email, in their language.
    assert [message.to for message in mail.outbox] == [
        ["camille@example.org"],
        ["noor@example.org"],
    ]
    assert mail.outbox[0].subject.replace("\N{NO-BREAK SPACE}", " ") == (
        "Votre inscription : Sprechstunde"
    )
    assert "Warteliste" in text(staff.get(second["Location"]))


def test_staff_adding_a_registered_address_or_to_a_full_event_get_a_clear_error(
    staff, django_capture_on_commit_callbacks
):
    event = make_registration_event("Klausur", capacity=1, waiting_list=False)
    add(staff, django_capture_on_commit_callbacks, event)
    again = add(staff, django_capture_on_commit_callbacks, event, email="CAMILLE@example.org")
    assert again.status_code == 200
    assert "ist für diese Veranstaltung bereits angemeldet" in text(again)
    full = add(staff, django_capture_on_commit_callbacks, event, email="late@example.org")
    assert full.status_code == 200
    assert "ausgebucht" in text(full)
    assert Registration.objects.filter(event_key=event.translation_key).count() == 1


def test_staff_must_record_consent_and_choose_an_event(staff, django_capture_on_commit_callbacks):
    event = make_registration_event("Runde")
    response = add(staff, django_capture_on_commit_callbacks, event, consent="", event="")
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    page = soup(response)
    for field in ("event", "consent"):
        wrapper = page.select_one(f"[name={field}]").find_parent(class_="w-field__wrapper")
        assert "Dieses Feld muss ausgefüllt werden." in text(wrapper), field


@pytest.fixture
def two_registrations(django_capture_on_commit_callbacks):
    event = make_registration_event("Werkbank", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        ana = register_for_event(event, language="de", name="Ana", email="ana@example.org")
        ben = register_for_event(event, language="de", name="Ben", email="ben@example.org")
    return ana, ben


def edit(client, registration, **changes):
    data = {
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "stakeholder_group": registration.stakeholder_group,
        "country": "",
    }
    data.update(changes)
    return client.post(edit_url(registration), data)


def test_staff_editing_an_email_get_it_normalised(staff, two_registrations):
    _ana, ben = two_registrations
    response = edit(staff, ben, email="  Benjamin@Example.ORG ")
    assert response.status_code == 302
    ben.refresh_from_db()
    assert ben.email == "benjamin@example.org"


def test_staff_cannot_give_a_registration_the_address_of_another(staff, two_registrations):
    _ana, ben = two_registrations
    response = edit(staff, ben, email="ANA@example.org")
    assert response.status_code == 200
    error = soup(response).select_one("#id_email").find_parent(class_="w-field__wrapper")
    assert "Eine andere Anmeldung zu dieser Veranstaltung hat bereits diese E-Mail-Adresse" in (
        text(error)
    )
    ben.refresh_from_db()
    assert ben.email == "ben@example.org"
    assert Registration.objects.filter(email="ana@example.org").count() == 1


def test_when_the_database_refuses_a_duplicate_staff_see_the_error_not_a_500(
    staff, two_registrations
):
    # The check before saving passes (another request took the address at that moment):
    # the database's constraint says no.
    from events.registration import admin_forms

    _ana, ben = two_registrations
    with mock.patch.object(admin_forms, "address_taken", return_value=False):
        response = edit(staff, ben, email="ana@example.org")
    assert response.status_code == 200
    assert "Eine andere Anmeldung zu dieser Veranstaltung" in text(response)
    ben.refresh_from_db()
    assert ben.email == "ben@example.org"


def test_a_cancelled_registration_may_take_an_address_in_use(
    staff, two_registrations, django_capture_on_commit_callbacks
):
    from events.registration.services import cancel_registration

    _ana, ben = two_registrations
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(ben)
    assert edit(staff, ben, email="ana@example.org").status_code == 302


def test_after_the_deadline_staff_still_add_people_while_the_public_form_stays_closed(
    staff, django_capture_on_commit_callbacks
):
    from django.test import Client

    closed = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    event = make_registration_event("Nachzügler", capacity=1, waiting_list=True, closes_at=closed)
    # At the door or by phone: the first gets the place, the next one waits.
    first = add(staff, django_capture_on_commit_callbacks, event)
    assert first.status_code == 302
    assert Registration.objects.get(email="camille@example.org").status == "confirmed"
    second = add(staff, django_capture_on_commit_callbacks, event, email="noor@example.org")
    assert second.status_code == 302
    assert Registration.objects.get(email="noor@example.org").status == "waiting"
    assert [message.to for message in mail.outbox] == [
        ["camille@example.org"],
        ["noor@example.org"],
    ]
    # A visitor is still told that registration has closed, and nothing is stored.
    visitor = {"name": "Vera", "email": "vera@example.org", "consent": "on", "website": ""}
    with django_capture_on_commit_callbacks(execute=True):
        public = Client().post(event.url, visitor)
    assert public.status_code == 200
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen." in text(public)
    assert not Registration.objects.filter(email="vera@example.org").exists()


def test_staff_cannot_add_anyone_to_an_event_that_has_ended(django_capture_on_commit_callbacks):
    from events.registration.services import RegistrationError

    start = timezone.now() - datetime.timedelta(hours=3)
    event = make_event(
        "Vorbei",
        start,
        end=start + datetime.timedelta(hours=1),
        registration=on_site(),
    )
    with pytest.raises(RegistrationError) as refused:
        register_for_event(event, language="de", name="Late", email="late@x.org", by_staff=True)
    assert refused.value.code == "closed"
    assert not Registration.objects.exists()
