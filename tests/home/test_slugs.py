"""Page addresses in ASCII, transliterated as German and French readers expect."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from events.models import EventPage
from home.admin.roles import EDITORS
from home.localization import get_locale
from home.models import HomePage, StandardPage
from home.slugs import slug_from_title
from tests.support.factories import event_index
from tests.support.users import member_of


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Fachgespräch: Partnerschaften über Grenzen",
            "fachgespraech-partnerschaften-ueber-grenzen",
        ),
        ("Größe & Öffentlichkeit", "groesse-oeffentlichkeit"),
        ("Cœur de l’été à Besançon", "coeur-de-lete-a-besancon"),
        ("Éducation, forêt, Noël", "education-foret-noel"),
    ],
)
def test_titles_become_ascii_slugs(title, slug):
    assert slug_from_title(title) == slug


@pytest.mark.django_db
def test_a_page_saved_without_a_slug_gets_a_transliterated_one():
    index = event_index()
    page = EventPage(
        title="Fachgespräch über Süßwasser", start_date=datetime.date(2030, 5, 4), format="online"
    )
    index.add_child(instance=page)
    assert page.slug == "fachgespraech-ueber-suesswasser"

    again = EventPage(
        title="Fachgespräch über Süßwasser", start_date=datetime.date(2030, 5, 5), format="online"
    )
    index.add_child(instance=again)
    assert again.slug == "fachgespraech-ueber-suesswasser-2"


@pytest.mark.django_db
def test_the_slug_field_of_the_page_editor_transliterates(client):
    client.force_login(member_of(EDITORS))
    response = client.get(f"/admin/pages/add/events/eventpage/{event_index().pk}/")
    slug = BeautifulSoup(response.content, "html.parser").select_one("input[name=slug]")
    assert "data-w-slug-allow-unicode-value" not in slug.attrs  # off: accents transliterated
    assert [["ä", "gu"], "ae"] in json.loads(slug["data-w-slug-formatters-value"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words", "slug"),
    [
        ("fr", "Cœur de l’été", "coeur-de-lete"),
        # A proper name kept in German in the English version.
        ("en", "Großstadt Partnerships", "grossstadt-partnerships"),
    ],
)
def test_a_translated_page_gets_a_transliterated_slug(language, words, slug):
    """wagtail-localize makes the slug of a translation from its translated slug string."""
    page = StandardPage(title="Partnerschaften verstehen", slug="partnerschaften-verstehen")
    HomePage.objects.get(locale__language_code="de").add_child(instance=page)
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=get_locale(language))
    for segment in StringSegment.objects.filter(source=source).select_related("context"):
        if segment.context.path in ("title", "slug"):
            StringTranslation.objects.create(
                translation_of_id=segment.string_id,
                locale=get_locale(language),
                context=segment.context,
                data=words,
            )
    translation.save_target(publish=True)
    translated = page.get_translation(get_locale(language))
    assert translated.title == words
    assert translated.slug == slug
