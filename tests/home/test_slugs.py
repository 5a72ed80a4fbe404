"""Page addresses in ASCII, transliterated as German and French readers expect."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from events.models import EventPage
from home.admin.roles import EDITORS
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
