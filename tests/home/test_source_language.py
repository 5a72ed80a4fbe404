"""No German text on English and French pages, except where it is marked as German.

Every English and French page of the demo is compared with its German source page: a text a
visitor reads (a text node, or an alt text, label or title a screen reader announces) that
appears word for word on the German page has not been translated, unless it sits inside an
element marked `lang="de"` (the language switcher's "Deutsch", a German quotation) or is a
proper name that every language writes the same way.
"""

import functools
import re

import pytest
from bs4 import BeautifulSoup
from django_countries import countries

from django.utils import translation

from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db

# Names every language writes the same way: the campaign, organisations, people, places.
PROPER_NAMES = {
    "Partnerschaften2030",
    "2030 Agenda Partnership Accelerator",
    "Global Forum for National SDG Advisory Bodies",
    "The Partnering Initiative",
    "UN DESA",
    "ECOSOC Partnership Forum 2023",
    "Amina Diallo",
    "New York",
}
# Addresses are the same in every language.
ADDRESS = re.compile(r"^\S+@\S+$|^https?://\S+$")

# Attributes whose text visitors read or hear.
READ_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
# Elements whose text nobody reads as page text.
UNREAD_ELEMENTS = ("script", "style", "template", "noscript")

WORD = re.compile(r"[^\W\d_]{2,}")


def is_german(element):
    language = element.get("lang", "").lower()
    return language == "de" or language.startswith("de-")


def read_texts(html, german=False):
    """(text, where) for every text a visitor reads in the page's language.

    On a translated page, what is marked as German is left out; on the German page, what is
    marked as another language (an English document's title, say).
    """
    document = BeautifulSoup(html, "html.parser")
    for element in document.find_all(UNREAD_ELEMENTS):
        element.decompose()
    for element in document.find_all(attrs={"lang": True}):
        if element.name != "html" and not element.decomposed and is_german(element) != german:
            element.decompose()
    body = document.body or document
    texts = [(node, node.parent.name) for node in body.find_all(string=True)]
    for attribute in READ_ATTRIBUTES:
        for element in body.find_all(attrs={attribute: True}):
            texts.append((element[attribute], f"{element.name}[{attribute}]"))
    title = document.title
    if title:
        texts.append((title.get_text(), "title"))
    for text, where in texts:
        text = " ".join(str(text).split())
        if text:
            yield text, where


def is_sentence_or_phrase(text):
    """Two words or more: a single word is too often the same in every language."""
    return len(WORD.findall(text)) >= 2


def without_proper_names(text):
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return text


@functools.cache
def country_names_alike(language):
    """Countries called the same in German and in `language` ("Costa Rica", "Sri Lanka")."""
    with translation.override("de"):
        german = {str(name) for _code, name in countries}
    with translation.override(language):
        return frozenset(german & {str(name) for _code, name in countries})


def untranslated(german_html, translated_html, language="en"):
    german = {text for text, _where in read_texts(german_html, german=True)}
    found = []
    for text, where in read_texts(translated_html):
        if text in country_names_alike(language) or ADDRESS.match(text):
            continue
        if text in german and is_sentence_or_phrase(without_proper_names(text)):
            found.append(f"{where}: {text!r}")
    return sorted(set(found))


def demo_page_pairs():
    """(translated page, its German source) for every live English and French demo page."""
    german = Locale.objects.get(language_code="de")
    pages = (
        Page.objects.live()
        .public()
        .filter(locale__language_code__in=["en", "fr"], depth__gte=2)
        .order_by("path", "locale__language_code")
    )
    for page in pages:
        source = page.get_translation_or_none(german)
        if source is not None and source.live:
            yield page, source


def test_the_check_sees_german_outside_german_elements():
    german = '<html lang="de"><body><p>Ziele für nachhaltige Entwicklung</p></body></html>'
    english = (
        '<html lang="en"><body><p>Ziele für nachhaltige Entwicklung</p>'
        '<a lang="de" href="/de/">Deutsch</a></body></html>'
    )
    assert untranslated(german, english) == ["p: 'Ziele für nachhaltige Entwicklung'"]
    marked = '<html lang="en"><body><q lang="de">Ziele für nachhaltige Entwicklung</q></body>'
    assert untranslated(german, marked) == []


def test_demo_has_english_and_french_pages_of_every_type():
    pairs = list(demo_page_pairs())
    types = {(page.locale.language_code, page.specific_class.__name__) for page, _ in pairs}
    for language in ("en", "fr"):
        for page_type in ("HomePage", "EventIndexPage", "EventPage", "InsightIndexPage",
                          "InsightPage", "StandardPage"):  # fmt: skip
            assert (language, page_type) in types


def test_no_german_text_on_english_and_french_pages(client):
    failures = {}
    checked = 0
    for page, source in demo_page_pairs():
        german = client.get(source.url)
        translated = client.get(page.url)
        assert german.status_code == 200, source.url
        assert translated.status_code == 200, page.url
        found = untranslated(german.content, translated.content, page.locale.language_code)
        if found:
            failures[page.url] = found
        checked += 1
    assert checked >= 20
    report = "\n".join(f"{url}\n  " + "\n  ".join(found) for url, found in sorted(failures.items()))
    assert not failures, f"German text on English or French pages:\n{report}"
