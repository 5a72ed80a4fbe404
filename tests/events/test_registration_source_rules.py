"""All language versions of an event write to one list, so the source (German) version's
publication and view restrictions decide who may register, on every version: once the
German page is unpublished or restricted, its translations take no registration from
those who may not see it, even when they were kept by the page cache."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from events.models import EventPage, Registration
from home.localization import get_locale
from tests.support.factories import make_event
from tests.support.html import soup, text
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

CLOSED = "Registration for this event has closed."


@pytest.fixture
def event(settings, django_capture_on_commit_callbacks):
    """A German event with its English translation, and the page cache on."""
    settings.PAGE_CACHE_SECONDS = 600
    page = make_event(
        "Vertraulich", timezone.now() + datetime.timedelta(days=8), registration=on_site(5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("en")]).create_translations(page)
        page.get_translation(get_locale("en")).save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def english(event):
    return event.get_translation(get_locale("en"))


def form_on(client, page):
    return soup(client.get(page.url)).find("form", class_="registration-form")


def register(client, page, capture, email):
    with capture(execute=True):
        return client.post(
            page.url, {"name": "Ana Souza", "email": email, "consent": "on", "website": ""}
        )


def assert_kept_with_a_form(client, page):
    """The translation is in the page cache, with a working form."""
    assert form_on(client, page) is not None
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert soup(response).find("form", class_="registration-form") is not None


def assert_closed(client, page, capture):
    response = client.get(page.url)
    assert soup(response).find("form", class_="registration-form") is None
    assert CLOSED in text(response)
    refused = register(client, page, capture, "probe@example.org")
    assert refused.status_code == 200
    assert CLOSED in text(refused)
    assert not Registration.objects.filter(email="probe@example.org").exists()


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="geheim" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.get(name="Event organisers"))
    return restriction


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_restricting_the_german_event_closes_registration_on_its_translations(
    client, event, django_capture_on_commit_callbacks, kind
):
    assert_kept_with_a_form(client, english(event))
    restrict(event, kind)
    assert_closed(client, english(event), django_capture_on_commit_callbacks)
    # The German page itself is Wagtail's to guard: nobody gets past it to the form.
    assert soup(client.get(event.url)).find("form", class_="registration-form") is None


def test_a_restriction_on_the_event_listing_closes_registration_too(
    client, event, django_capture_on_commit_callbacks
):
    assert_kept_with_a_form(client, english(event))
    restrict(event.get_parent(), "login")
    assert_closed(client, english(event), django_capture_on_commit_callbacks)


def test_who_passed_the_german_password_may_register_on_any_version(
    client, event, django_capture_on_commit_callbacks
):
    restriction = restrict(event, "password")
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, event.pk]),
        {"password": "geheim", "return_url": event.url},
    )
    assert form_on(client, english(event)) is not None
    response = register(client, english(event), django_capture_on_commit_callbacks, "in@x.org")
    assert response.status_code == 302
    assert Registration.objects.get(email="in@x.org").language == "en"


def test_unpublishing_the_german_event_closes_registration_on_its_translations(
    client, event, django_capture_on_commit_callbacks
):
    assert_kept_with_a_form(client, english(event))
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    assert english(event).live  # the translation is still online, without a form
    assert_closed(client, english(event), django_capture_on_commit_callbacks)
    # Published again, it is open again.
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert form_on(client, english(event)) is not None
