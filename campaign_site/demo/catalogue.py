"""The demo's German source strings and their English and French translations.

Content modules register each German string with `tr()`; the builder imports the
translations through wagtail-localize as a translator's PO file would.
"""

CATALOGUE: dict[str, dict[str, str]] = {}


def tr(de, en, fr):
    """Register a German source string with its translations and return the German text."""
    CATALOGUE[de] = {"en": en, "fr": fr}
    return de


def same(text):
    """A string that stays the same in every language (a proper name, an acronym)."""
    return tr(text, text, text)


def paragraph(*texts):
    """A rich-text block; each text becomes a paragraph (one translation segment each)."""
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}
