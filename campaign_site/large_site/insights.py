"""Generated insights: five years of news, learnings, examples, interviews and publications,
most with a hero image, authors and tags, some reporting on events, in every language."""

import datetime
import json

from django.utils import timezone
from django.utils.text import slugify

from insights.models import InsightPage, InsightPageAuthor, InsightPageEvent

from . import text
from .events import paragraph
from .keys import block_id, generated_key
from .tree import add_relations, index_for_search, insert_pages

TYPES = ["news", "learning", "news", "case", "interview", "learning", "publication"]
YEARS = 5


def insight_plans(count, today, rng, pools, events):
    """What each insight is, language-independent; `events` are German event pks."""
    plans = []
    for number in range(count):
        plans.append(
            {
                "number": number,
                "key": generated_key("insight", number),
                "type": TYPES[number % len(TYPES)],
                "topic": rng.randrange(len(text.TOPICS)),
                "angle": rng.randrange(len(text.ANGLES)),
                "sentences": rng.sample(range(len(text.SENTENCES)), 14),
                "headings": rng.sample(range(len(text.HEADINGS)), 2),
                "publication_date": today
                - datetime.timedelta(days=(YEARS * 365 * number) // max(count, 1)),
                "hero_image": rng.choice(pools["images"])
                if pools["images"] and number % 5
                else None,
                "sdgs": rng.sample(pools["sdgs"], 2),
                "regions": rng.sample(pools["regions"], 1),
                "topics": rng.sample(pools["topics"], 2),
                "stakeholder_groups": rng.sample(pools["stakeholder_groups"], 1),
                "partners": rng.sample(pools["partners"], min(2, len(pools["partners"]))),
                "authors": rng.sample(pools["people"], min(1 + number % 2, len(pools["people"]))),
                "events": [rng.choice(events)] if events and number % 3 == 0 else [],
            }
        )
    return plans


def insight_page(plan, language):
    """The unsaved insight page of a plan in one language."""
    topic = text.pick(text.TOPICS[plan["topic"]], language)
    angle = text.pick(text.ANGLES[plan["angle"]], language)
    type_word = text.pick(text.INSIGHT_TYPE_WORDS[plan["type"]], language)
    key, sentences = plan["key"], plan["sentences"]
    body = [
        {"type": "paragraph", "id": block_id(key, "body/intro"),
         "value": paragraph(sentences, language, 0, 4)},
    ]  # fmt: skip
    for position, heading in enumerate(plan["headings"]):
        body += [
            {"type": "heading", "id": block_id(key, f"body/heading/{position}"),
             "value": {"text": text.pick(text.HEADINGS[heading], language), "level": "h2",
                       "anchor": ""}},
            {"type": "paragraph", "id": block_id(key, f"body/paragraph/{position}"),
             "value": paragraph(sentences, language, 4 + position * 4, 4)},
        ]  # fmt: skip
    if plan["type"] == "interview":
        body.append({"type": "quote", "id": block_id(key, "body/quote"), "value": {
            "text": text.pick(text.SENTENCES[sentences[12]], language),
            "attribution": text.FIRST_NAMES[plan["number"] % len(text.FIRST_NAMES)],
            "role": ""}})  # fmt: skip
    body.append({"type": "key_takeaways", "id": block_id(key, "body/takeaways"), "value": {
        "heading": "",
        "items": [text.pick(text.SENTENCES[i], language) for i in sentences[11:14]]}})  # fmt: skip
    page = InsightPage(
        title=f"{type_word}: {topic} – {angle}",
        slug=f"{slugify(f'{topic} {angle}')}-{plan['number'] + 1}",
        translation_key=key,
        insight_type=plan["type"],
        teaser=text.pick(text.SENTENCES[sentences[0]], language),
        publication_date=plan["publication_date"],
        hero_image_id=plan["hero_image"],
        body=json.dumps(body),
        citation=(
            f"Partnerschaften2030 ({plan['publication_date'].year}): {topic}."
            if plan["type"] == "publication"
            else ""
        ),
    )
    # What InsightPage.save() computes; pages are inserted without it.
    page.reading_minutes = page.reading_time()
    page.first_published_at = timezone.make_aware(
        datetime.datetime.combine(plan["publication_date"], datetime.time(9, 0))
    )
    return page


def make_insights(plans, index_pages):
    """Insert the planned insights under the insight index of each language.

    Returns {language: [InsightPage]} in plan order.
    """
    plans_by_key = {plan["key"]: plan for plan in plans}
    created = {}
    for language, index in index_pages.items():
        pages = insert_pages(index, [insight_page(plan, language) for plan in plans])
        for name in ("sdgs", "regions", "topics", "stakeholder_groups", "partners"):
            add_relations(
                pages, name, lambda page, name=name: plans_by_key[page.translation_key][name]
            )
        InsightPageAuthor.objects.bulk_create(
            [
                InsightPageAuthor(page=page, person_id=person, sort_order=position)
                for page in pages
                for position, person in enumerate(plans_by_key[page.translation_key]["authors"])
            ]
        )
        # Every language version names the source event, as the editor's links do.
        InsightPageEvent.objects.bulk_create(
            [
                InsightPageEvent(insight=page, event_id=event, sort_order=position)
                for page in pages
                for position, event in enumerate(plans_by_key[page.translation_key]["events"])
            ]
        )
        index_for_search(InsightPage, pages)
        created[language] = pages
    return created
