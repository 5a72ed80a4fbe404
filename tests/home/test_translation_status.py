"""The translation status report and dashboard panel: what is missing or stale per language."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from home.admin.roles import TRANSLATORS, language_translators_name
from home.admin.translation_status import translation_status
from home.models import HomePage, Partner, Region, StandardPage, SustainableDevelopmentGoal
from tests.support.html import ok_soup as soup

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/translation-status/"
TARGET_LANGUAGES = ("en", "fr")


def summary(page):
    """{language: (missing, out of date)} from the counts at the top of the report or panel."""
    table = page.select_one("[data-translation-status-summary]")
    return {
        row["data-locale"]: (
            int(row.select_one('[data-count="missing"]').text),
            int(row.select_one('[data-count="out-of-date"]').text),
        )
        for row in table.select("tbody tr[data-locale]")
    }


def in_progress(page):
    """{language: number of translations in progress} from the counts at the top."""
    table = page.select_one("[data-translation-status-summary]")
    return {
        row["data-locale"]: int(row.select_one('[data-count="in-progress"]').text)
        for row in table.select("tbody tr[data-locale]")
    }


def rows(page, language, status):
    """The rows of one list ("missing", "out-of-date") in one language's section, by title."""
    table = page.select_one(f'section[data-locale="{language}"] table[data-status="{status}"]')
    if table is None:
        return {}
    return {row.select_one("td").text.strip(): row for row in table.select("tbody tr")}


def german_home():
    return HomePage.objects.get(locale__language_code="de")


def new_german_page(title="Neue Seite zur Kampagne", slug="neue-seite-zur-kampagne"):
    page = StandardPage(title=title, slug=slug, intro="Eine neue Seite.")
    german_home().add_child(instance=page)
    page.save_revision().publish()
    return page


def translated_german_page():
    return StandardPage.objects.filter(locale__language_code="de").order_by("path").first()


def sync(instance, capture_on_commit):
    """What "Sync translated pages/snippets" does: update the source, save every translation."""
    source = TranslationSource.objects.get_for_instance(instance)
    with capture_on_commit(execute=True):
        source.update_from_db()
        for translation in source.translations.filter(enabled=True):
            translation.save_target(publish=True)


def user_with(*permissions, groups=()):
    user = get_user_model().objects.create_user("staff-member", "staff@example.org", "pw-1234567")
    for app_label, codename in permissions:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def test_the_demo_site_starts_fully_translated(admin_client):
    page = soup(admin_client.get(REPORT_URL))
    assert summary(page) == {language: (0, 0) for language in TARGET_LANGUAGES}
    assert in_progress(page) == {language: 0 for language in TARGET_LANGUAGES}
    for language in TARGET_LANGUAGES:
        assert rows(page, language, "missing") == {}
        assert rows(page, language, "out-of-date") == {}
        assert rows(page, language, "in-progress") == {}
    # The SDGs come in every language from reference data, not through wagtail-localize.
    for status in translation_status():
        assert {entry.type_label for entry in status.not_managed} == {
            str(SustainableDevelopmentGoal._meta.verbose_name)
        }


def test_a_new_german_page_is_missing_in_every_target_language(admin_client):
    page = new_german_page()
    report = soup(admin_client.get(REPORT_URL))
    assert summary(report) == {language: (1, 0) for language in TARGET_LANGUAGES}
    for language in TARGET_LANGUAGES:
        row = rows(report, language, "missing")[page.title]
        translate_link = row.select_one(f'a[href^="/admin/localize/submit/page/{page.pk}/"]')
        assert f"select_locale={language}" in translate_link["href"]


def test_the_report_filters_by_language(admin_client):
    page = new_german_page()
    report = soup(admin_client.get(REPORT_URL, {"locale": "fr"}))
    assert page.title in rows(report, "fr", "missing")
    assert report.select_one('section[data-locale="en"]') is None
    assert summary(report)["en"] == (1, 0)  # the counts still cover every language


def test_a_changed_page_is_out_of_date_until_synced(
    admin_client, django_capture_on_commit_callbacks
):
    page = translated_german_page()
    page.title = f"{page.title} (überarbeitet)"
    page.save_revision().publish()
    report = soup(admin_client.get(REPORT_URL))
    assert summary(report) == {language: (0, 1) for language in TARGET_LANGUAGES}
    source = TranslationSource.objects.get_for_instance(page)
    for language in TARGET_LANGUAGES:
        row = rows(report, language, "out-of-date")[page.title]
        translation = page.get_translation(
            HomePage.objects.get(locale__language_code=language).locale
        )
        assert row.select_one(
            f'a[href^="{reverse("wagtail_localize:update_translations", args=[source.pk])}"]'
        )
        assert row.select_one(
            f'a[href="{reverse("wagtailadmin_pages:edit", args=[translation.pk])}"]'
        )

    sync(page, django_capture_on_commit_callbacks)
    report = soup(admin_client.get(REPORT_URL))
    assert summary(report) == {language: (0, 0) for language in TARGET_LANGUAGES}


def test_a_draft_does_not_make_translations_out_of_date(admin_client):
    page = translated_german_page()
    page.title = f"{page.title} (Entwurf)"
    page.save_revision()  # syncing reads the published page, so nothing to sync yet
    assert summary(soup(admin_client.get(REPORT_URL))) == {
        language: (0, 0) for language in TARGET_LANGUAGES
    }


def test_a_snippet_without_translation_is_missing(admin_client):
    region = Region.objects.create(name="Ozeanien", slug="ozeanien", locale=german_home().locale)
    report = soup(admin_client.get(REPORT_URL))
    assert summary(report) == {language: (1, 0) for language in TARGET_LANGUAGES}
    for language in TARGET_LANGUAGES:
        row = rows(report, language, "missing")["Ozeanien"]
        assert row.select_one(f'a[href^="/admin/localize/submit/snippet/home/region/{region.pk}/"]')


def test_a_changed_snippet_is_out_of_date_until_synced(
    admin_client, django_capture_on_commit_callbacks
):
    partner = Partner.objects.filter(locale__language_code="de").order_by("pk").first()
    partner.description = "Eine neue Beschreibung."
    partner.save()
    report = soup(admin_client.get(REPORT_URL))
    assert summary(report) == {language: (0, 1) for language in TARGET_LANGUAGES}
    assert partner.name in rows(report, "en", "out-of-date")

    sync(partner, django_capture_on_commit_callbacks)
    assert summary(soup(admin_client.get(REPORT_URL))) == {
        language: (0, 0) for language in TARGET_LANGUAGES
    }


def test_the_dashboard_shows_the_counts_to_translation_staff(admin_client):
    new_german_page()
    dashboard = soup(admin_client.get("/admin/"))
    panel = dashboard.select_one("#translation-status-section")
    assert panel is not None
    assert summary(panel) == {language: (1, 0) for language in TARGET_LANGUAGES}
    assert panel.select_one(f'a[href="{REPORT_URL}"]')


def test_translators_see_the_report_and_the_menu_item(client):
    client.force_login(user_with(groups=[TRANSLATORS]))
    assert summary(soup(client.get(REPORT_URL))) == {
        language: (0, 0) for language in TARGET_LANGUAGES
    }
    assert REPORT_URL in client.get("/admin/").content.decode()


def test_only_those_who_may_edit_the_source_get_a_link_to_its_editor(client):
    page = new_german_page()
    source_editor = f"/admin/pages/{page.pk}/edit/"
    client.force_login(user_with(groups=[language_translators_name("fr")]))
    row = rows(soup(client.get(REPORT_URL)), "fr", "missing")[page.title]
    assert not row.select(f'a[href="{source_editor}"]')  # it would only refuse her
    assert client.get(source_editor).status_code in (302, 403)
    client.force_login(get_user_model().objects.get(username="admin"))
    row = rows(soup(client.get(REPORT_URL)), "fr", "missing")[page.title]
    assert row.select(f'a[href="{source_editor}"]')


def test_staff_without_translation_permission_see_neither_report_nor_panel(client):
    client.force_login(user_with(("wagtailadmin", "access_admin")))
    dashboard = soup(client.get("/admin/"))
    assert dashboard.select_one("#translation-status-section") is None
    assert REPORT_URL not in str(dashboard)
    response = client.get(REPORT_URL)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def submit(client, url, language, capture_on_commit):
    """What the "Translate" form does for one language; returns where it leads."""
    locale = HomePage.objects.get(locale__language_code=language).locale
    with capture_on_commit(execute=True):
        response = client.post(url, {"locales": [locale.pk], "next": REPORT_URL})
    assert response.status_code == 302
    return response["Location"]


def machine_translate(client, instance, language):
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(instance),
        target_locale__language_code=language,
    )
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302


def test_a_submitted_page_is_in_progress_until_translated_and_published(
    admin_client, django_capture_on_commit_callbacks
):
    page = new_german_page()
    editor_url = submit(
        admin_client,
        f"/admin/localize/submit/page/{page.pk}/",
        "fr",
        django_capture_on_commit_callbacks,
    )
    french = page.get_translation(HomePage.objects.get(locale__language_code="fr").locale)
    assert editor_url == f"/admin/pages/{french.pk}/edit/"

    report = soup(admin_client.get(REPORT_URL, {"locale": "fr"}))
    assert in_progress(report)["fr"] == 1
    assert summary(report)["fr"] == (0, 0)
    row = rows(report, "fr", "in-progress")[page.title]
    assert row.select_one("[data-progress]")["data-progress"] == "0"  # nothing translated yet
    assert row.select_one(f'a[href="{editor_url}"]')  # continue in the translation editor
    section = report.select_one('section[data-locale="fr"]').text
    for language in ("de", "en", "fr"):
        with translation.override(language):
            assert gettext("Everything is translated and up to date.") not in section

    machine_translate(admin_client, page, "fr")
    report = soup(admin_client.get(REPORT_URL))
    row = rows(report, "fr", "in-progress")[page.title]
    assert row.select_one("[data-progress]")["data-progress"] == "100"  # but not published

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(editor_url, {"action": "publish"})
    report = soup(admin_client.get(REPORT_URL))
    assert in_progress(report) == {"en": 0, "fr": 0}
    assert summary(report) == {"en": (1, 0), "fr": (0, 0)}


def test_a_submitted_snippet_is_in_progress_until_its_strings_are_translated(
    admin_client, django_capture_on_commit_callbacks
):
    region = Region.objects.create(name="Ozeanien", slug="ozeanien", locale=german_home().locale)
    submit(
        admin_client,
        f"/admin/localize/submit/snippet/home/region/{region.pk}/",
        "en",
        django_capture_on_commit_callbacks,
    )
    report = soup(admin_client.get(REPORT_URL))
    assert in_progress(report) == {"en": 1, "fr": 0}
    assert "Ozeanien" in rows(report, "en", "in-progress")
    machine_translate(admin_client, region, "en")
    assert in_progress(soup(admin_client.get(REPORT_URL))) == {"en": 0, "fr": 0}


def test_the_report_does_not_query_per_object():
    translation_status()  # content types and locales are cached from here on
    with CaptureQueriesContext(connection) as before:
        translation_status()
    french = HomePage.objects.get(locale__language_code="fr").locale
    for number in range(3):
        new_german_page(title=f"Seite {number}", slug=f"seite-{number}")
        Region.objects.create(
            name=f"Region {number}", slug=f"region-{number}", locale=german_home().locale
        )
        translate_object(new_german_page(f"Übersetzt {number}", f"uebersetzt-{number}"), [french])
        region = Region.objects.create(
            name=f"Gebiet {number}", slug=f"gebiet-{number}", locale=german_home().locale
        )
        translate_object(region, [french])
    changed = Partner.objects.filter(locale__language_code="de").first()
    changed.description = "Geändert."
    changed.save()
    with CaptureQueriesContext(connection) as after:
        statuses = translation_status()
    english, french = statuses
    assert len(english.missing) == 12
    assert len(french.missing) == 6
    assert len(french.in_progress) == 6
    assert len(after.captured_queries) == len(before.captured_queries)
