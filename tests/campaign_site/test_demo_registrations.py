"""The demo's registrations: what a newcomer sees in the admin after `make run`."""

import pytest

from django.core import mail

from campaign_site.demo.registrations import ensure_demo_registrations
from events.models import EventPage, OrganiserMessage, Registration, RegistrationMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registrations(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo_registrations()


def test_people_in_three_languages_for_an_online_event_with_a_join_link(demo_registrations):
    online = EventPage.objects.get(slug="online-dialog-partnerschaften")
    assert online.format == "online" and online.online_url.startswith("https://")
    people = Registration.objects.filter(event_key=online.translation_key)
    assert {person.language for person in people} == {"de", "en", "fr"}
    # Each registered on the page in their own language.
    assert {person.page.locale.language_code for person in people} == {"de", "en", "fr"}


def test_the_emails_are_recorded_as_sent_not_sent_again(demo_registrations):
    assert mail.outbox == []
    statuses = set(RegistrationMessage.objects.values_list("status", flat=True))
    assert statuses == {"sent", "bounced"}


def test_a_message_from_the_organisers_reached_everyone_confirmed_but_one_bounced(
    demo_registrations,
):
    message = OrganiserMessage.objects.get()
    assert set(message.texts) == {"de", "en", "fr"}
    deliveries = message.deliveries.select_related("registration")
    confirmed = Registration.objects.filter(
        event_key=message.event_key, status=Registration.Status.CONFIRMED
    )
    assert {delivery.registration for delivery in deliveries} == set(confirmed)
    [bounced] = deliveries.filter(status="bounced")
    assert "550" in bounced.last_error


def test_loading_the_demo_twice_registers_nobody_twice(demo_registrations):
    before = (Registration.objects.count(), RegistrationMessage.objects.count())
    ensure_demo_registrations()
    assert (Registration.objects.count(), RegistrationMessage.objects.count()) == before


def test_the_workshop_is_full_under_balance_rules_with_a_place_on_offer(demo_registrations):
    workshop = EventPage.objects.get(slug="werkstatt-partnerschaften-praxis")
    people = Registration.objects.filter(event_key=workshop.translation_key)
    confirmed = people.filter(status=Registration.Status.CONFIRMED)
    # Full with 30 places, the private sector at its cap of 40 % and more of it waiting.
    assert people.filter(status__in=["confirmed", "offered"]).count() == 30
    assert confirmed.filter(stakeholder_group="private-sector").count() == 12
    assert people.filter(status="waiting", stakeholder_group="private-sector").exists()
    assert confirmed.filter(stakeholder_group="civil-society").count() >= 6
    [offered] = people.filter(status=Registration.Status.OFFERED)
    assert offered.expires_at > offered.offered_at
    assert offered.messages.filter(kind=RegistrationMessage.Kind.OFFER).exists()
    assert {person.language for person in people} == {"de", "en", "fr"}


def test_the_past_events_show_who_came_after_anonymisation(demo_registrations):
    for slug in (
        "side-event-ecosoc-partnership-forum-2023",
        "partnerschaftssymposium-sdg-gipfel-2023",
    ):
        event = EventPage.objects.get(slug=slug, locale__language_code="de")
        people = Registration.objects.filter(event_key=event.translation_key)
        assert people.exists() and not people.filter(anonymised_at__isnull=True).exists()
        assert (
            people.filter(attendance="attended").count()
            > people.filter(attendance="no_show").count()
            > 0
        )
