"""Generated events: three years of past events and a year of upcoming ones, most with a
registration on the site, in every language."""

import datetime
import json
import zoneinfo

from django.utils.text import slugify

from events.models import EventPage, EventPageSpeaker

from . import text
from .keys import block_id, generated_key
from .tree import add_relations, index_for_search, insert_pages

PAST_SHARE = 0.6
FORMATS = ("in_person", "online", "hybrid")


def event_plans(count, today, rng, pools):
    """What each event is, language-independent: dates, place, tags, registration rules."""
    past = round(count * PAST_SHARE)
    plans = []
    for number in range(count):
        if number < past:
            day = today - datetime.timedelta(days=1 + (1095 * (past - number)) // max(past, 1))
        else:
            upcoming = count - past
            day = today + datetime.timedelta(days=1 + (364 * (number - past)) // max(upcoming, 1))
        event_format = FORMATS[number % 3]
        place = text.PLACES[number % len(text.PLACES)]
        start_hour = 9 + number % 8
        several_days = number % 7 == 0
        if number % 6 == 5:
            registration = "external"
        elif number % 6 == 4:
            registration = None
        else:
            registration = "on_site"
        plans.append(
            {
                "number": number,
                "key": generated_key("event", number),
                "kind": rng.randrange(len(text.EVENT_KINDS)),
                "topic": rng.randrange(len(text.TOPICS)),
                "sentences": rng.sample(range(len(text.SENTENCES)), 7),
                "start_date": day,
                "start_time": datetime.time(start_hour, 0),
                "end_date": day + datetime.timedelta(days=1) if several_days else None,
                "end_time": datetime.time(min(start_hour + 2, 20), 30),
                "format": event_format,
                "place": place,
                "time_zone": place[2] if event_format != "online" else "Europe/Berlin",
                "venue": rng.randrange(len(text.VENUES)),
                "registration": registration,
                "capacity": 30 + (number * 37) % 170,
                "with_questions": number % 2 == 0,
                "organisers": rng.sample(pools["partners"], min(2, len(pools["partners"]))),
                "sdgs": rng.sample(pools["sdgs"], 2),
                "regions": rng.sample(pools["regions"], 1),
                "topics": rng.sample(pools["topics"], 2),
                "stakeholder_groups": rng.sample(pools["stakeholder_groups"], 2),
                "speakers": rng.sample(pools["people"], min(number % 4, len(pools["people"]))),
                # Most cards with an image, some without (no draw: the rest stays as it was).
                "image": pools["images"][number % len(pools["images"])]
                if pools["images"] and number % 4
                else None,
            }
        )
    return plans


def paragraph(sentences, language, first, count):
    """Rich text: `count` of the chosen sentences, from position `first`, in `language`."""
    chosen = [text.pick(text.SENTENCES[i], language) for i in sentences[first : first + count]]
    return "<p>" + " ".join(chosen) + "</p>"


def _registration(plan, language):
    key = plan["key"]
    if plan["registration"] == "external":
        value = {
            "opens_at": None,
            "closes_at": None,
            "url": f"https://register.example.org/event-{plan['number'] + 1}",
            "button_label": text.pick(text.BUTTON_LABEL, language),
        }
        return [{"type": "external", "value": value, "id": block_id(key, "registration")}]
    questions = []
    if plan["with_questions"]:
        languages = {"type": "item", "id": block_id(key, "question/language"), "value": {
            "label": text.pick(text.QUESTIONS[0], language), "help_text": "",
            "kind": "single_choice", "required": False,
            "options": [{"type": "item", "id": block_id(key, f"option/{name}"), "value": name}
                        for name in ("Deutsch", "English", "Français")]}}  # fmt: skip
        experience = {"type": "item", "id": block_id(key, "question/experience"), "value": {
            "label": text.pick(text.QUESTIONS[1], language), "help_text": "",
            "kind": "long_text", "required": False, "options": []}}  # fmt: skip
        questions = [languages, experience]
    value = {
        "opens_at": None,
        "closes_at": None,
        "capacity": plan["capacity"],
        "waiting_list": True,
        "questions": questions,
    }
    return [{"type": "on_site", "value": value, "id": block_id(key, "registration")}]


def event_page(plan, language):
    """The unsaved event page of a plan in one language."""
    kind = text.pick(text.EVENT_KINDS[plan["kind"]], language)
    topic = text.pick(text.TOPICS[plan["topic"]], language)
    city, country = text.pick(plan["place"][0], language), plan["place"][1]
    title = f"{kind}: {topic} – {city} {plan['start_date']:%m/%Y}"
    key = plan["key"]
    in_person = plan["format"] != "online"
    sessions = []
    if not plan["end_date"]:
        for position in range(3):
            hour, minute = divmod(plan["start_time"].hour * 60 + position * 45, 60)
            session_title = text.pick(text.SESSIONS[position + plan["number"] % 3], language)
            sessions.append({"type": "session", "id": block_id(key, f"session/{position}"),
                             "value": {"start_time": f"{hour:02d}:{minute:02d}",
                                       "end_time": None, "title": session_title,
                                       "description": "", "speakers": []}})  # fmt: skip
    page = EventPage(
        title=title,
        slug=f"{slugify(f'{kind} {topic} {city}')}-{plan['number'] + 1}",
        translation_key=key,
        teaser=text.pick(text.SENTENCES[plan["sentences"][0]], language),
        image_id=plan["image"],
        start_date=plan["start_date"],
        start_time=plan["start_time"],
        end_date=plan["end_date"],
        end_time=plan["end_time"],
        time_zone=plan["time_zone"],
        format=plan["format"],
        venue_name=text.pick(text.VENUES[plan["venue"]], language) if in_person else "",
        venue_city=city if in_person else "",
        venue_country=text.pick(country, language) if in_person else "",
        online_url="" if in_person else "https://meet.example.org/partnerships",
        registration=json.dumps(_registration(plan, language) if plan["registration"] else []),
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "id": block_id(key, "body/0"),
                    "value": paragraph(plan["sentences"], language, 1, 3),
                },
                {
                    "type": "paragraph",
                    "id": block_id(key, "body/1"),
                    "value": paragraph(plan["sentences"], language, 4, 3),
                },
            ]
        ),  # fmt: skip
        agenda=json.dumps(sessions),
    )
    # What EventPage.save() computes; pages are inserted without it.
    page.starts_at = page.timing.starts_at()
    page.ends_at = page.timing.ends_at()
    zone = zoneinfo.ZoneInfo(plan["time_zone"])
    page.first_published_at = min(
        page.starts_at, datetime.datetime.now(zone) - datetime.timedelta(days=1)
    ) - datetime.timedelta(days=30)
    return page


def make_events(plans, index_pages):
    """Insert the planned events under the event index of each language.

    Returns {language: [EventPage]} in plan order.
    """
    plans_by_key = {plan["key"]: plan for plan in plans}
    created = {}
    for language, index in index_pages.items():
        pages = insert_pages(index, [event_page(plan, language) for plan in plans])
        for name in ("organisers", "sdgs", "regions", "topics", "stakeholder_groups"):
            add_relations(
                pages, name, lambda page, name=name: plans_by_key[page.translation_key][name]
            )
        EventPageSpeaker.objects.bulk_create(
            [
                EventPageSpeaker(page=page, person_id=person, sort_order=position)
                for page in pages
                for position, person in enumerate(plans_by_key[page.translation_key]["speakers"])
            ]
        )
        index_for_search(EventPage, pages)
        created[language] = pages
    return created
