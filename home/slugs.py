"""Page addresses in plain ASCII, written as German and French readers spell them without
accents: "Fachgespräch" → fachgespraech (not fachgesprach, not fachgespr%C3%A4ch),
"Cœur de l'été" → coeur-de-lete.

One table serves both places a slug is made: the admin's slug field, which Wagtail's
JavaScript fills from the title (`slug_input` hands it the table as formatters, applied
before its own transliteration), and the server, which makes a slug from the title when a
page is saved without one (`slug_from_title`). WAGTAIL_ALLOW_UNICODE_SLUGS is off, so
both drop whatever the table and the usual accent folding leave.
"""

from django.utils.text import slugify

# Letters the usual accent folding gets wrong for German (ä → a) or drops (ß, œ, æ). The
# French accents are listed too: the slug field, when someone types into it directly, keeps
# only ASCII letters and would drop them.
TRANSLITERATION = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "ß": "ss",
    "ẞ": "SS",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "œ": "oe",
    "Œ": "Oe",
    "æ": "ae",
    "Æ": "Ae",
    "à": "a",
    "â": "a",
    "ç": "c",
    "é": "e",
    "è": "e",
    "ê": "e",
    "ë": "e",
    "î": "i",
    "ï": "i",
    "ô": "o",
    "ù": "u",
    "û": "u",
    "ÿ": "y",
    "À": "A",
    "Â": "A",
    "Ç": "C",
    "É": "E",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "Î": "I",
    "Ï": "I",
    "Ô": "O",
    "Ù": "U",
    "Û": "U",
    "Ÿ": "Y",
}
_TABLE = str.maketrans(TRANSLITERATION)


def transliterate(text):
    """`text` with the letters of the table replaced (ä → ae, ß → ss, é → e, œ → oe)."""
    return text.translate(_TABLE)


def slug_from_title(title):
    """The ASCII slug of a page titled `title`, as the admin's slug field makes it."""
    return slugify(transliterate(title or ""), allow_unicode=False)


def slug_input(**kwargs):
    """Wagtail's slug widget, transliterating with the table before its own rules."""
    from wagtail.admin.widgets import SlugInput

    return SlugInput(formatters=list(TRANSLITERATION.items()), **kwargs)


def use_transliterating_slug_fields():
    """Every slug field of the admin (pages, snippets) gets the transliterating widget."""
    from django.db import models

    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.SlugField, override=lambda db_field: {"widget": slug_input()}
    )
