"""Staff roles: what editors, publishers, translators and event organisers may do."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import EventPage
from home.admin.roles import EDITORS, ORGANISERS, PUBLISHERS, TRANSLATORS, language_translators_name
from home.models import HomePage
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


def home(language):
    return HomePage.objects.get(locale__language_code=language)


def test_the_roles_exist_on_every_installation():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, PUBLISHERS, TRANSLATORS, ORGANISERS} <= names
    assert language_translators_name("en") in names
    assert language_translators_name("fr") in names


def test_translators_edit_and_publish_translations_but_never_touch_the_german_source():
    translator = member_of(TRANSLATORS)
    for language in ("en", "fr"):
        permissions = home(language).permissions_for_user(translator)
        assert permissions.can_edit()
        assert permissions.can_publish()
    german = home("de").permissions_for_user(translator)
    assert not german.can_edit() and not german.can_publish()
    german_event = EventPage.objects.filter(locale__language_code="de").first()
    assert not german_event.permissions_for_user(translator).can_edit()  # capacity lives there


def test_a_translator_can_be_limited_to_one_language():
    english_only = member_of(language_translators_name("en"))
    assert home("en").permissions_for_user(english_only).can_edit()
    assert not home("fr").permissions_for_user(english_only).can_edit()
    assert english_only.has_perm("wagtail_localize.submit_translation")


def test_translators_and_editors_see_no_registrations(client):
    for group in (TRANSLATORS, EDITORS):
        client.force_login(member_of(group))
        response = client.get("/admin/registrations/")
        assert response.status_code in (302, 403), group
        assert (
            not get_user_model()
            .objects.get(pk=client.session["_auth_user_id"])
            .has_perm("events.view_registration")
        )


def test_the_german_source_is_out_of_a_translators_reach_in_the_admin(client):
    client.force_login(member_of(TRANSLATORS))
    assert client.get(f"/admin/pages/{home('fr').pk}/edit/").status_code == 200
    denied = client.get(f"/admin/pages/{home('de').pk}/edit/")
    assert denied.status_code in (302, 403)


def test_publishers_publish_and_see_registrations_editors_only_write():
    publisher = member_of(PUBLISHERS)
    editor = member_of(EDITORS)
    assert home("de").permissions_for_user(publisher).can_publish()
    assert publisher.has_perm("events.view_registration")
    assert home("de").permissions_for_user(editor).can_edit()
    assert not home("de").permissions_for_user(editor).can_publish()


def test_event_organisers_see_and_export_registrations(client):
    organiser = member_of(ORGANISERS)
    assert organiser.has_perm("events.view_registration")
    assert organiser.has_perm("events.export_registration")
    client.force_login(organiser)
    assert client.get("/admin/registrations/").status_code == 200


def test_event_organisers_add_a_registration_for_someone(client):
    # A phone call or a name at the door: organisers register people themselves.
    client.force_login(member_of(ORGANISERS))
    response = client.get("/admin/registrations/new/")
    assert response.status_code == 200
    assert 'name="event"' in response.content.decode()


def test_translators_change_translated_snippets_but_not_the_german_source(client):
    from home.models import Partner

    client.force_login(member_of(TRANSLATORS))
    german = Partner.objects.get(slug="partnerschaften2030", locale__language_code="de")
    french = Partner.objects.get(slug="partnerschaften2030", locale__language_code="fr")
    assert client.get(f"/admin/snippets/home/partner/edit/{french.pk}/").status_code == 200
    denied = client.post(
        f"/admin/snippets/home/partner/edit/{german.pk}/", {"name": "Kaputt", "slug": "x"}
    )
    assert denied.status_code in (302, 403)
    german.refresh_from_db()
    assert german.name == "Partnerschaften2030"
    assert client.post(f"/admin/snippets/home/partner/delete/{german.pk}/").status_code in (
        302,
        403,
    )
    assert Partner.objects.filter(pk=german.pk).exists()


def test_editors_still_change_the_german_source(client):
    from home.models import Partner

    client.force_login(member_of(EDITORS))
    german = Partner.objects.get(slug="partnerschaften2030", locale__language_code="de")
    assert client.get(f"/admin/snippets/home/partner/edit/{german.pk}/").status_code == 200


def test_a_translator_limited_to_english_cannot_touch_french_snippets(client):
    from wagtail_localize.models import StringTranslation, Translation

    from home.models import Partner

    client.force_login(member_of(language_translators_name("en")))
    english = Partner.objects.get(slug="partnerschaften2030", locale__language_code="en")
    french = Partner.objects.get(slug="partnerschaften2030", locale__language_code="fr")
    assert client.get(f"/admin/snippets/home/partner/edit/{english.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/home/partner/edit/{french.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/snippets/home/partner/delete/{french.pk}/").status_code in (
        302,
        403,
    )
    assert Partner.objects.filter(pk=french.pk).exists()

    # wagtail-localize's own endpoints (string edits, PO upload, machine translation) too.
    translation = Translation.objects.get(
        source__object_id=french.translation_key, target_locale__language_code="fr"
    )
    before = StringTranslation.objects.filter(locale__language_code="fr").count()
    for url in (
        f"/admin/localize/translate/{translation.pk}/pofile/download/",
        f"/admin/localize/translate/{translation.pk}/machine_translate/",
    ):
        response = client.post(url) if "machine" in url else client.get(url)
        assert response.status_code == 403, url
    assert StringTranslation.objects.filter(locale__language_code="fr").count() == before
    english_translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="en"
    )
    download = client.get(f"/admin/localize/translate/{english_translation.pk}/pofile/download/")
    assert download.status_code == 200


def test_a_translator_limited_to_english_cannot_create_french_snippet_translations(client):
    from wagtail.models import Locale

    from home.models import Partner

    german = Partner.objects.create(
        locale=Locale.objects.get(language_code="de"), name="Neuer Partner", slug="neu"
    )
    client.force_login(member_of(language_translators_name("en")))
    url = f"/admin/localize/submit/snippet/home/partner/{german.pk}/"
    french = Locale.objects.get(language_code="fr")
    # Refused by the form (it offers English only), before anything is created.
    assert client.post(url, {"locales": [french.pk]}).status_code == 200
    assert not german.get_translations().filter(locale=french).exists()
    english = Locale.objects.get(language_code="en")
    client.post(url, {"locales": [english.pk]})
    assert german.get_translations().filter(locale=english).exists()
