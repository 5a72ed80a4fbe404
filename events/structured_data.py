"""schema.org Event data for search engines, as JSON-LD."""

from django.utils.html import strip_tags

from home.structured_data import json_ld_script

ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event_json_ld(event, request, organisers):
    """The event as a schema.org `Event` dict (dates with offsets, place, organisers)."""
    timing = event.timing
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": event.get_full_url(request),
        "inLanguage": event.locale.language_code,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
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
    locations = []
    if event.is_in_person:
        address = {"@type": "PostalAddress"}
        for key, value in (
            ("streetAddress", event.venue_address),
            ("addressLocality", event.venue_city),
            ("addressCountry", event.venue_country),
        ):
            if value:
                address[key] = value
        locations.append({"@type": "Place", "name": event.venue_name, "address": address})
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.online_url or data["url"]})
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
    return data


__all__ = ["event_json_ld", "json_ld_script"]
