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
