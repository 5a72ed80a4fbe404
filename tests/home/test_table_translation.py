"""A table's caption and cells are offered to translators and shown translated."""

import json

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

TABLE = {
    "table_caption": "Veranstaltungen der Kampagne",
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_header_choice": "row",
    "data": [["Veranstaltung", "Ort"], ["Werkstatt in der Praxis", "Bonn"], ["", None]],
}
ENGLISH = {
    "Veranstaltungen der Kampagne": "Events of the campaign",
    "Veranstaltung": "Event",
    "Ort": "Place",
    "Werkstatt in der Praxis": "Workshop in practice",
    "Bonn": "Bonn",
}


@pytest.fixture
def page_with_table():
    home = HomePage.objects.get(locale__language_code="de", depth=2)
    page = StandardPage(
        title="Tabelle", slug="tabelle", body=json.dumps([{"type": "table", "value": TABLE}])
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_translators_get_the_caption_and_every_filled_cell(
    page_with_table, client, django_capture_on_commit_callbacks
):
    source, _created = TranslationSource.get_or_create_from_instance(page_with_table)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en"), enabled=True
    )
    po = translation.export_po()
    offered = {entry.msgid for entry in po}
    assert set(ENGLISH) <= offered
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgid)
    user = get_user_model().objects.get(username="admin")
    translation.import_po(po, user=user)
    # wagtail-localize publishes the translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=user, publish=True)

    english = page_with_table.get_translation(translation.target_locale)
    response = client.get(english.url)
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").select_one("table")
    caption = table.caption.get_text(strip=True)
    cells = [cell.get_text(strip=True) for cell in table.find_all(["th", "td"])]
    assert caption == "Events of the campaign"
    assert cells == ["Event", "Place", "Workshop in practice", "Bonn", "", ""]
