"""schema.org Event data for search engines, as JSON-LD."""

from django.utils.html import strip_tags

from campaign_site.cache import cached
from home.structured_data import image_urls, json_ld_script

from .programme import sub_events_json_ld
from .registration.composing import stored_timing

ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


# Registration on this site is free; Google still wants a currency with the price.
PRICE_CURRENCY = "EUR"
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"


def event_json_ld(event, request, organisers, speakers=(), registration=None):
    """The event as a schema.org `Event` dict: dates with offsets, place, image, organisers,
    speakers as performers, a free offer while registration is open, and the programme's
    sessions as `subEvent`s.

    `organisers` and `speakers` are in the page's language; `registration` is what the page
    shows of its registration (`events.registration.context.registration_context`).
    """
    timing = event.timing
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": event.get_full_url(request),
        "inLanguage": event.locale.language_code,
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        **event_status(event),
    }
    if timing.all_day:
        data["startDate"] = timing.start_date.isoformat()
        data["endDate"] = timing.last_date.isoformat()
    else:
        data["startDate"] = timing.starts_at().isoformat()
        if not timing.open_end:
            data["endDate"] = timing.ends_at().isoformat()
    if event.teaser:
        data["description"] = strip_tags(event.teaser)
    # The image's renditions are made once, then read from the cache with the page.
    images = cached(
        f"event-images:{request.get_host()}:{event.pk}",
        lambda: image_urls(event.get_social_image(request), request),
        request=request,
    )
    if images:
        data["image"] = images
    locations = []
    if event.is_in_person:
        locations.append(
            {"@type": "Place", "name": event.venue_name, "address": postal_address(event)}
        )
    if event.is_online:
        # The join link is for registrants only: the page says how to join.
        locations.append({"@type": "VirtualLocation", "url": data["url"]})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if organisers:
        data["organizer"] = [
            {
                "@type": "Organization",
                "name": partner.name,
                **({"url": partner.website} if partner.website else {}),
            }
            for partner in organisers
        ]
    if speakers:
        data["performer"] = [{"@type": "Person", "name": person.name} for person in speakers]
    if offer := registration_offer(event, request, registration or {}):
        data["offers"] = offer
    # The programme's sessions, with their times (unknown while the event is postponed).
    if event.event_status != "postponed" and (
        sessions := sub_events_json_ld(event, data.get("location"))
    ):
        data["subEvent"] = sessions
    return data


EVENT_STATUS = {
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def event_status(event):
    """`eventStatus` (and `previousStartDate` for an event whose date moved): postponed,
    cancelled, rescheduled or scheduled."""
    if event.event_status in EVENT_STATUS:
        return {"eventStatus": EVENT_STATUS[event.event_status]}
    if event.previous_timing:
        previous = stored_timing(event.previous_timing).datetime_attribute()
        return {
            "eventStatus": "https://schema.org/EventRescheduled",
            "previousStartDate": previous,
        }
    return {"eventStatus": "https://schema.org/EventScheduled"}


def postal_address(event):
    """The venue's address in the parts search engines and maps read; the country as its
    ISO 3166 code (the country's name is in the page's language, not for machines)."""
    address = {"@type": "PostalAddress"}
    for key, value in (
        ("streetAddress", event.venue_address),
        ("postalCode", event.venue_postal_code),
        ("addressLocality", event.venue_city),
        ("addressRegion", event.venue_region),
        ("addressCountry", event.venue_country_code.code),
    ):
        if value:
            address[key] = value
    return address


def registration_offer(event, request, registration):
    """A free `Offer` while registration is open, else None: available while places are
    left (always, for a registration elsewhere), sold out when the event is full."""
    setup = registration.get("registration_setup")
    if setup is None or registration.get("registration_state") != "open":
        return None
    if setup.kind == "external":
        url, available = setup.url, True
    else:
        url, available = event.get_full_url(request) + "#registration", not registration["is_full"]
    # Without an opening time, registration has been open since the page was published.
    valid_from = setup.opens_at or event.first_published_at
    offer = {
        "@type": "Offer",
        "price": 0,
        "priceCurrency": PRICE_CURRENCY,
        "availability": IN_STOCK if available else SOLD_OUT,
        "url": url,
    }
    if valid_from:
        offer["validFrom"] = valid_from.isoformat()
    if setup.closes_at:
        offer["validThrough"] = setup.closes_at.isoformat()
    return offer


__all__ = ["event_json_ld", "json_ld_script"]
