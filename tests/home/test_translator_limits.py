"""Translators limited to one language start translations in that language only.

The submit forms of wagtail-localize offer every language; a translator in "Translators
(Français)" who chose English got "submitted", an English draft, and then "no permission".
"""

import pytest

from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from home.admin.roles import TRANSLATORS, language_translators_name
from home.models import HomePage, Region, StandardPage
from tests.support.html import ok_soup as soup
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/translation-status/"


@pytest.fixture
def german_page():
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(title="Lernen in Partnerschaften", slug="lernen", intro="Was wir lernen.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def german_region():
    return Region.objects.create(
        name="Ozeanien", slug="ozeanien", locale=Locale.objects.get(language_code="de")
    )


@pytest.fixture
def french_translator(client):
    """A translator limited to French who reads the admin in French."""
    user = member_of(language_translators_name("fr"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(user)
    return user


def locale(code):
    return Locale.objects.get(language_code=code)


def assert_no_access_refused(response):
    text = response.text.lower().replace("’", "'")
    assert "vous n'avez pas la permission" not in text


def offered_languages(response):
    """The language codes the submit form offers, from its checkboxes."""
    assert response.status_code == 200
    ids = [box["value"] for box in soup(response).select('input[name="locales"]')]
    return set(Locale.objects.filter(pk__in=ids).values_list("language_code", flat=True))


# By wagtail-localize's URL names, as its buttons link to them: should an upgrade move its
# views, these tests find the unguarded form instead of the project's.
def page_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def snippet_url(snippet):
    return reverse(
        "wagtail_localize:submit_snippet_translation", args=["home", "region", snippet.pk]
    )


def test_the_page_form_offers_a_french_translator_only_french(
    client, french_translator, german_page
):
    assert offered_languages(client.get(page_url(german_page))) == {"fr"}


def test_a_page_already_in_french_tells_the_french_translator_so(client, french_translator):
    translated = StandardPage.objects.filter(locale__language_code="de").first()
    response = client.get(page_url(translated))
    assert offered_languages(response) == set()
    assert "Ceci est déjà traduit dans toutes les langues dans lesquelles vous traduisez." in (
        response.text
    )


def test_translators_of_every_language_are_offered_every_language(client, german_page):
    client.force_login(member_of(TRANSLATORS))
    assert offered_languages(client.get(page_url(german_page))) == {"en", "fr"}


def test_an_english_page_translation_is_refused_before_anything_is_created(
    client, french_translator, german_page, django_capture_on_commit_callbacks
):
    translations_before = Translation.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(german_page), {"locales": [locale("en").pk]})
    assert response.status_code == 200  # the form again, with the reason
    assert "Vous ne pouvez pas commencer de traduction dans cette langue" in response.text
    assert Translation.objects.count() == translations_before
    assert not TranslationSource.objects.filter(object_id=german_page.translation_key).exists()
    # No page and no alias either.
    assert not Page.objects.filter(
        translation_key=german_page.translation_key, locale=locale("en")
    ).exists()


def test_after_submitting_french_the_translator_lands_in_the_translation_editor(
    client, french_translator, german_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{page_url(german_page)}?next={REPORT_URL}",
            {"locales": [locale("fr").pk], "next": REPORT_URL},
        )
    french_page = german_page.get_translation(locale("fr"))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{french_page.pk}/edit/"
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert soup(editor).select_one(".js-translation-editor") is not None
    assert_no_access_refused(editor)


def test_the_snippet_form_offers_a_french_translator_only_french(
    client, french_translator, german_region
):
    assert offered_languages(client.get(snippet_url(german_region))) == {"fr"}


def test_an_english_snippet_translation_is_refused_and_french_opens_the_editor(
    client, french_translator, german_region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(snippet_url(german_region), {"locales": [locale("en").pk]})
    assert refused.status_code == 200
    assert "Vous ne pouvez pas commencer de traduction dans cette langue" in refused.text
    assert not german_region.get_translations().filter(locale=locale("en")).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(snippet_url(german_region), {"locales": [locale("fr").pk]})
    french_region = german_region.get_translation(locale("fr"))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/snippets/home/region/edit/{french_region.pk}/"
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert soup(editor).select_one(".js-translation-editor") is not None
    assert_no_access_refused(editor)


def test_choosing_several_languages_still_follows_the_next_address(
    client, german_page, django_capture_on_commit_callbacks
):
    client.force_login(member_of(TRANSLATORS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(german_page),
            {"locales": [locale("en").pk, locale("fr").pk], "next": REPORT_URL},
        )
    assert response.status_code == 302
    assert response["Location"] == REPORT_URL


def test_a_french_translator_sees_only_french_in_the_translation_status(
    client, french_translator, german_page
):
    report = soup(client.get(REPORT_URL))
    summary = report.select("[data-translation-status-summary] tr[data-locale]")
    assert [row["data-locale"] for row in summary] == ["fr"]
    assert report.select_one('section[data-locale="en"]') is None
    dashboard = soup(client.get("/admin/"))
    panel = dashboard.select("#translation-status-section tr[data-locale]")
    assert [row["data-locale"] for row in panel] == ["fr"]
