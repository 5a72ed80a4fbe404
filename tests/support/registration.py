"""Registration settings of an event page, as the stream field stores them."""

import json

QUESTION_ID = "6c1d3a39-0000-4000-8000-000000000001"


def on_site(capacity=2, waiting_list=True, opens_at=None, closes_at=None, questions=()):
    """The `registration` value of an event taking registrations on this site."""
    return json.dumps(
        [
            {
                "type": "on_site",
                "value": {
                    "opens_at": opens_at,
                    "closes_at": closes_at,
                    "capacity": capacity,
                    "waiting_list": waiting_list,
                    "questions": list(questions),
                },
            }
        ]
    )


def language_question():
    """A required single-choice question: the participant's preferred language."""
    return {
        "type": "item",
        "id": QUESTION_ID,
        "value": {
            "label": "Bevorzugte Sprache",
            "help_text": "",
            "kind": "single_choice",
            "options": ["Deutsch", "Englisch"],
            "required": True,
        },
    }


def without_double_opt_in(event):
    """Registrations from the public form of `event` are confirmed or waiting at once (the
    list's "confirm addresses first" switched off), for tests that are not about it."""
    from events.models import RegistrationList

    RegistrationList.objects.update_or_create(
        event_key=event.translation_key, defaults={"double_opt_in": False}
    )
    return event


def answer_link(message, route):
    """The path of the personal link to `route` ("confirm" or "offer") in an email."""
    import re

    found = re.search(rf"https?://[^/\s]+(/\S*/{route}/[0-9]+-[0-9a-f]{{40}}/)", message.body)
    assert found, f"no {route} link in: {message.body}"
    return found.group(1)


def published_translation(event, language="en"):
    """`event`'s translation into `language` (its texts as in German), published."""
    from wagtail_localize.operations import TranslationCreator

    from home.localization import get_locale

    TranslationCreator(user=None, target_locales=[get_locale(language)]).create_translations(event)
    version = event.get_translation(get_locale(language))
    version.save_revision().publish()
    return version
