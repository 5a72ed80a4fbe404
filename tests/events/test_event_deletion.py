"""Deleting an event page with registrations needs an explicit choice; nothing is lost."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Permission
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration, RegistrationMessage
from events.registration.services import register_for_event
from home.localization import get_locale
from tests.support.factories import make_event
from tests.support.registration import on_site
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    page = make_event(
        "Werkstatt Wasser",
        timezone.now() + datetime.timedelta(days=6),
        registration=on_site(capacity=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            register_for_event(
                page, language="de", name=f"Person {number}", email=f"p{number}@example.org"
            )
    return page


def delete_url(page):
    return f"/admin/pages/{page.pk}/delete/"


def test_deleting_asks_first_and_offers_the_export(admin_client, event):
    response = admin_client.get(delete_url(event))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    text = html.get_text(" ", strip=True)
    assert "Werkstatt Wasser: 3 Anmeldungen" in text
    exports = [a["href"] for a in html.select("a[href*='/registrations/export/']")]
    assert f"/admin/events/{event.pk}/registrations/export/?format=xlsx" in exports
    assert html.select_one("input[type=checkbox][name=registrations][required]")


def test_a_plain_delete_is_refused_and_keeps_page_and_registrations(admin_client, event):
    # The standard confirmation form posts without a choice about the registrations.
    response = admin_client.post(delete_url(event))
    assert response.status_code == 200
    assert "Wählen Sie, was mit den Anmeldungen geschehen soll" in response.text
    assert EventPage.objects.filter(pk=event.pk).exists()
    assert Registration.objects.filter(event_key=event.translation_key).count() == 3


def test_choosing_to_delete_removes_page_and_registrations(admin_client, event):
    response = admin_client.post(delete_url(event), {"registrations": "delete"}, follow=True)
    assert response.status_code == 200
    assert not EventPage.objects.filter(pk=event.pk).exists()
    assert not Registration.objects.filter(event_key=event.translation_key).exists()
    assert not RegistrationMessage.objects.filter(registration__event_key=event.translation_key)
    shown = [str(message) for message in response.context["messages"]]
    assert any("3 Anmeldungen wurden mit der Seite gelöscht." in text for text in shown), shown


def test_an_event_without_registrations_is_deleted_as_usual(admin_client):
    page = make_event("Leere Werkstatt", timezone.now() + datetime.timedelta(days=6))
    confirmation = admin_client.get(delete_url(page))
    assert "Anmeldungen" not in BeautifulSoup(confirmation.content, "html.parser").main.get_text()
    admin_client.post(delete_url(page))
    assert not EventPage.objects.filter(pk=page.pk).exists()


def test_deleting_one_language_version_keeps_the_shared_list_without_asking(
    admin_client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("en")]).create_translations(event)
    english = event.get_translation(get_locale("en"))
    admin_client.post(delete_url(english))
    assert not EventPage.objects.filter(pk=english.pk).exists()
    assert Registration.objects.filter(event_key=event.translation_key).count() == 3


def test_bulk_delete_refuses_events_with_registrations(admin_client, event):
    other = make_event("Leer", timezone.now() + datetime.timedelta(days=8))
    parent = event.get_parent()
    response = admin_client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={event.pk}&id={other.pk}"
        f"&next=/admin/pages/{parent.pk}/",
        follow=True,
    )
    assert response.status_code == 200
    assert "Nichts wurde gelöscht" in response.text
    assert "Werkstatt Wasser" in response.text
    assert EventPage.objects.filter(pk__in=[event.pk, other.pk]).count() == 2
    assert Registration.objects.filter(event_key=event.translation_key).count() == 3


@pytest.fixture
def publisher(client):
    """A publisher: may delete the page and export its registrations, not delete them."""
    user = member_of("Communications publishers")
    assert user.has_perm("events.export_registration")
    assert not user.has_perm("events.delete_registration")
    client.force_login(user)
    return user


def test_a_publisher_is_offered_export_and_unpublishing_but_not_deleting_registrations(
    client, publisher, event
):
    response = client.get(delete_url(event))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert "Werkstatt Wasser: 3 Anmeldungen" in html.get_text(" ", strip=True)
    assert html.select("a[href*='/registrations/export/']")
    assert not html.select("input[name=registrations]")
    assert "Seite und Anmeldungen löschen" not in html.main.get_text()
    assert "Sie dürfen keine Anmeldungen löschen" in html.main.get_text()
    assert html.select_one(f"a[href='/admin/pages/{event.pk}/unpublish/']")
    assert EventPage.objects.filter(pk=event.pk).exists()


def test_a_forged_choice_by_a_publisher_deletes_nothing_and_says_why(client, publisher, event):
    response = client.post(delete_url(event), {"registrations": "delete"})
    assert response.status_code == 200
    assert "Sie dürfen keine Anmeldungen löschen" in response.text
    assert EventPage.objects.filter(pk=event.pk).exists()
    assert Registration.objects.filter(event_key=event.translation_key).count() == 3


def test_a_publisher_with_the_right_to_delete_registrations_may_choose_to(client, event):
    user = member_of("Communications publishers")
    user.user_permissions.add(Permission.objects.get(codename="delete_registration"))
    client.force_login(user)
    html = BeautifulSoup(client.get(delete_url(event)).content, "html.parser")
    assert html.select_one("input[type=checkbox][name=registrations][required]")
    response = client.post(delete_url(event), {"registrations": "delete"}, follow=True)
    assert response.status_code == 200
    assert not EventPage.objects.filter(pk=event.pk).exists()
    assert not Registration.objects.filter(event_key=event.translation_key).exists()
