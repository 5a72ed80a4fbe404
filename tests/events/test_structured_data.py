"""An event page describes the event to search engines as Google's event results ask: image,
a free offer while registration is open (with the places left), speakers as performers, the
address in parts with the country as an ISO 3166 code, organisers with their addresses."""

import datetime

import pytest

from django.utils import timezone

from events.models import EventPage, EventPageSpeaker
from events.registration.services import register_for_event
from home.localization import get_locale
from home.models import Partner, Person, SiteSettings
from tests.support.factories import make_event
from tests.support.html import ok_soup
from tests.support.registration import on_site
from tests.support.structured_data import (
    EVENT_RECOMMENDED,
    EVENT_REQUIRED,
    OFFER_RECOMMENDED,
    json_ld,
    missing,
    of_type,
)

pytestmark = pytest.mark.django_db

IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"


def event_data(client, page):
    [data] = of_type(client.get(page.url), "Event")
    return data


def demo_event(language, **filters):
    return EventPage.objects.get(locale__language_code=language, **filters)


def workshop(language):
    """The demo's hybrid workshop in Bonn, two months ahead, registration open."""
    return demo_event(language, venue_city="Bonn")


@pytest.fixture
def workshop_with_speakers():
    """The workshop with a speaker, in every language (as a synced translation has it)."""
    person = Person.objects.create(locale=get_locale("de"), name="Alex Beispiel")
    for language in ("de", "en", "fr"):
        version = workshop(language)
        version.speakers = [EventPageSpeaker(person=person)]
        version.save_revision().publish()


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_an_upcoming_event_has_everything_google_asks_for(client, workshop_with_speakers, language):
    event = workshop(language)
    data = event_data(client, event)
    assert missing(data, EVENT_REQUIRED) == []
    assert missing(data, EVENT_RECOMMENDED) == []
    assert missing(data["offers"], OFFER_RECOMMENDED) == []
    assert data["performer"] == [{"@type": "Person", "name": "Alex Beispiel"}]
    for organiser in data["organizer"]:
        assert missing(organiser, ("name", "url")) == [], organiser


def test_the_event_image_is_the_shared_image_in_three_shapes(client):
    event = workshop("en")
    html = ok_soup(client.get(event.url))
    data = event_data(client, event)
    # The event has no image of its own: it shares the site's default image.
    image = SiteSettings.objects.get().default_social_image
    renditions = {
        "http://testserver" + rendition.url: rendition for rendition in image.renditions.all()
    }
    assert html.find("meta", property="og:image")["content"] in renditions
    shapes = {renditions[url].width / renditions[url].height for url in data["image"]}
    assert shapes == {16 / 9, 4 / 3, 1}


def test_open_registration_is_a_free_offer_with_the_places_left(client):
    opens = (timezone.now() - datetime.timedelta(days=1)).replace(microsecond=0)
    event = make_event("Dialog", registration=on_site(capacity=1, opens_at=opens.isoformat()))
    offer = event_data(client, event)["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == 0
    assert offer["priceCurrency"] == "EUR"
    assert offer["availability"] == IN_STOCK
    assert offer["url"] == event.get_full_url() + "#registration"
    assert datetime.datetime.fromisoformat(offer["validFrom"]) == opens

    register_for_event(event, language="de", name="Ana Souza", email="ana@example.org")
    assert event_data(client, event)["offers"]["availability"] == SOLD_OUT


def test_registration_opening_later_or_closed_offers_nothing(client):
    later = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    not_yet = make_event("Später", registration=on_site(opens_at=later))
    assert "offers" not in event_data(client, not_yet)
    earlier = (timezone.now() - datetime.timedelta(days=3)).isoformat()
    closed = make_event("Vorbei", registration=on_site(closes_at=earlier))
    assert "offers" not in event_data(client, closed)


def test_an_event_without_an_opening_time_offers_places_since_it_was_published(client):
    event = make_event("Dialog", registration=on_site())
    event.refresh_from_db()
    offer = event_data(client, event)["offers"]
    assert datetime.datetime.fromisoformat(offer["validFrom"]) == event.first_published_at


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_the_address_is_in_parts_with_the_country_as_a_code(client, language):
    address = event_data(client, workshop(language))["location"][0]["address"]
    assert address == {
        "@type": "PostalAddress",
        "streetAddress": "Platz der Vereinten Nationen 1",
        "postalCode": "53113",
        "addressLocality": "Bonn",
        "addressRegion": "Nordrhein-Westfalen",
        "addressCountry": "DE",
    }
    side_event = demo_event(language, occasion="ECOSOC Partnership Forum 2023")
    address = event_data(client, side_event)["location"]["address"]
    assert address["addressCountry"] == "US"
    assert address["postalCode"] == "10017"
    assert address["addressRegion"] == "NY"


def test_an_address_without_a_country_code_names_no_country(client):
    event = make_event(
        "Vor Ort",
        format="in_person",
        venue_name="Rathaus",
        venue_city="Bonn",
        venue_country="Deutschland",
    )
    address = event_data(client, event)["location"]["address"]
    assert "addressCountry" not in address


def test_every_demo_organiser_has_a_website():
    assert list(Partner.objects.filter(role=Partner.Role.ORGANISER, website="")) == []


def test_every_script_of_structured_data_on_event_pages_is_valid_json(client):
    for event in EventPage.objects.live().filter(locale__language_code="fr"):
        assert len(json_ld(client.get(event.url))) == 2, event.url  # the event, the trail
