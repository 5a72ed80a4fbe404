"""A translator's day, through wagtail-localize's own admin views (no shortcuts)."""

import io

import polib
import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from events.models import EventPage
from home.admin.roles import TRANSLATORS
from home.localization import get_locale
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_page():
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(
        title="Partnerschaften verstehen", slug="verstehen", intro="Eine Einführung."
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_user("ubersetzerin", "t@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(user)
    return user


def translate_all_strings(client, translation, prefix):
    """Download the PO file, translate every string, upload it again."""
    download = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = f"{prefix} {entry.msgid}"
    upload = io.BytesIO(str(po).encode())
    upload.name = "fr.po"
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload}
    )
    assert response.status_code == 302


def test_translator_translates_publishes_and_follows_changes_of_the_source(
    client, translator, german_page, django_capture_on_commit_callbacks
):
    french = get_locale("fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{german_page.pk}/", {"locales": [french.pk]}
        )
    assert response.status_code == 302
    french_page = german_page.get_translation(french)
    assert not french_page.live  # a new translation starts as a draft

    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(german_page), target_locale=french
    )
    translate_all_strings(client, translation, "FR")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{french_page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    french_page.refresh_from_db()
    assert french_page.live
    public = client.get(french_page.url)
    assert public.status_code == 200
    assert "FR Partnerschaften verstehen" in public.text
    assert "FR Eine Einführung." in public.text

    # The German source changes; the translation is synced and its new string translated.
    german_page = StandardPage.objects.get(pk=german_page.pk)
    german_page.intro = "Eine neue Einführung."
    german_page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/update/{translation.source.pk}/", {})
    translate_all_strings(client, translation, "FR2")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{french_page.pk}/edit/", {"action": "publish"})
    # The slug was retranslated too; the old address redirects to the new one.
    assert "FR2 Eine neue Einführung." in client.get(french_page.url, follow=True).text


def test_po_export_import_round_trip_keeps_every_string(client, translator):
    home_source = TranslationSource.objects.get_for_instance(
        HomePage.objects.get(locale__language_code="de")
    )
    translation = Translation.objects.get(source=home_source, target_locale=get_locale("fr"))
    exported = polib.pofile(
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").content.decode()
    )
    assert exported.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    before = {(e.msgctxt, e.msgid): e.msgstr for e in exported if not e.obsolete}
    assert before and all(before.values())  # the demo overview is fully translated
    upload = io.BytesIO(str(exported).encode())
    upload.name = "fr.po"
    client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload})
    again = polib.pofile(
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").content.decode()
    )
    assert {(e.msgctxt, e.msgid): e.msgstr for e in again if not e.obsolete} == before


def test_translator_cannot_publish_german_pages_or_change_event_settings(
    client, translator, german_page
):
    response = client.post(f"/admin/pages/{german_page.pk}/edit/", {"action-publish": "1"})
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    german_event = EventPage.objects.filter(locale__language_code="de").first()
    assert client.get(f"/admin/pages/{german_event.pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/registrations/").status_code in (302, 403)


def test_machine_translation_works_offline_without_a_deepl_key(
    client, translator, german_page, django_capture_on_commit_callbacks
):
    from django.conf import settings

    assert not settings.DEEPL_API_KEY
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"].endswith("CopySourceTranslator")
    french = get_locale("fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/submit/page/{german_page.pk}/", {"locales": [french.pk]})
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(german_page), target_locale=french
    )
    assert translation.get_progress()[1] == 0
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/", {"next": "/admin/"}
    )
    assert response.status_code == 302
    total, translated = translation.get_progress()
    assert translated == total > 0
    # The source is copied (not reversed) for the translator to rewrite, marked as such.
    title = StringTranslation.objects.get(
        translation_of__data="Partnerschaften verstehen", locale=french
    )
    assert title.data == "Partnerschaften verstehen"
    assert title.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert title.tool_name in {"copy of the source (to review)", "Kopie des Originals (zu prüfen)"}
