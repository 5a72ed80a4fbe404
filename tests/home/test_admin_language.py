"""The admin in the staff's languages: German for editors and publishers, French for
translators. Wagtail's and wagtail-localize's own words that their catalogues leave in English
(or translate wrongly) are corrected by the project's catalogue, which comes first."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from events.models import EventPage
from home.admin.roles import EDITORS, PUBLISHERS, TRANSLATORS, display_name
from home.models import HomePage, StandardPage
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


def signed_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def page_text(response):
    return " ".join(soup(response).get_text(" ").split())


@pytest.fixture
def editor(client):
    return signed_in(client, member_of(EDITORS, username="redaktion-de"), "de")


@pytest.fixture
def publisher_fr(client):
    return signed_in(client, member_of(PUBLISHERS, username="publication-fr"), "fr")


def test_the_project_catalogue_comes_before_wagtails_own():
    assert settings.LOCALE_PATHS  # searched before the apps' catalogues
    with translation.override("de"):
        assert translation.gettext("Locale") == "Sprache"  # Wagtail says "Locale"
        assert (
            translation.gettext("Translations") == "Übersetzungen"
        )  # wagtail-localize: "Übersetzung"
    with translation.override("fr"):
        assert translation.gettext("Locales") == "Langues"  # Wagtail says "Régions"


def test_the_page_listing_counts_and_filters_in_german(editor):
    home = HomePage.objects.get(locale__language_code="de")
    text = page_text(editor.get(f"/admin/pages/{home.pk}/"))
    assert re.search(r"\b1–\d+ von \d+\b", text), "the listing's count"
    assert not re.search(r"\b1-\d+ of \d+\b", text)
    filters = soup(editor.get(f"/admin/pages/{home.pk}/"))
    labels = [label.get_text(" ", strip=True) for label in filters.select("label, legend")]
    assert "Sprache" in labels
    assert "Locale" not in labels


def test_the_page_editor_in_german(editor):
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    response = editor.get(f"/admin/pages/{page.pk}/edit/")
    html = soup(response)
    text = page_text(response)
    assert html.select_one('[aria-label="Aktionen (Fußzeile)"]')
    assert not html.select_one('[aria-label="Actions (footer)"]')
    slug = html.find("label", attrs={"for": "id_slug"})
    assert slug.get_text(strip=True).rstrip("*") == "Name in der Webadresse"
    assert "…/de/veranstaltungen/fachgespraech-partnerschaften/" in text
    assert "Kurztitel" not in text and "domain.com/blog" not in text
    # The workflow by its German name on the editor's button.
    submit = html.find("button", attrs={"name": "action-submit"})
    assert submit.get_text(strip=True) == "In Freigabe durch die Kommunikation einreichen"
    assert "Communications approval" not in response.content.decode()


def test_the_page_editor_in_french_names_the_workflow_in_french(publisher_fr):
    # (French pages are translations, edited in wagtail-localize's editor: a German page.)
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    html = soup(publisher_fr.get(f"/admin/pages/{page.pk}/edit/"))
    submit = html.find("button", attrs={"name": "action-submit"})
    assert submit.get_text(strip=True) == "Soumettre à Validation par la communication"


def test_role_and_workflow_names_in_each_language():
    with translation.override("de"):
        assert display_name(EDITORS) == "Kommunikation – Redaktion"
        assert display_name("Communications approval") == "Freigabe durch die Kommunikation"
        assert display_name(f"{TRANSLATORS} (Français)") == "Übersetzung (Français)"
    with translation.override("fr"):
        assert display_name(PUBLISHERS) == "Communication – publication"
        assert display_name(f"{TRANSLATORS} (English)") == "Traduction (English)"
    assert display_name("Ein selbst angelegter Name") == "Ein selbst angelegter Name"


def test_a_translator_translates_into_languages_not_regions(translator_fr):
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    html = soup(translator_fr.get(f"/admin/localize/submit/page/{page.pk}/"))
    labels = [tag.get_text(strip=True).rstrip("*") for tag in html.find_all(["label", "legend"])]
    assert "Langues" in labels
    assert "Région" not in html.get_text(" ")


def test_the_image_description_is_called_alternative_text(editor):
    image = get_image_model().objects.first()
    for url in (f"/admin/images/{image.pk}/", "/admin/images/add/"):
        html = soup(editor.get(url))
        label = html.find("label", attrs={"for": "id_description"})
        assert label.get_text(strip=True).rstrip("*") == "Alternativtext (Beschreibung)", url
        field = label.find_parent(attrs={"data-field-wrapper": True})
        assert "Screenreader lesen den Text vor" in field.get_text(" "), url


@pytest.mark.parametrize("language, label", [("de", "Sprache"), ("fr", "Langue")])
def test_the_person_chooser_filters_by_language(client, language, label):
    signed_in(client, member_of(EDITORS, username=f"personen-{language}"), language)
    response = client.get("/admin/snippets/choose/home/person/")
    html = BeautifulSoup(response.json()["html"], "html.parser")
    filter_label = html.find("label", attrs={"for": "id_locale"})
    assert filter_label.get_text(strip=True) == label


def test_no_admin_page_loads_an_avatar_from_elsewhere(editor):
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    for url in ("/admin/", f"/admin/pages/{page.pk}/edit/", "/admin/account/"):
        response = editor.get(url)
        assert response.status_code == 200, url
        assert b"gravatar" not in response.content, url
        images = soup(response).find_all("img", src=True)
        assert [img["src"] for img in images if img["src"].startswith(("http", "//"))] == []


@pytest.fixture
def translator_fr(client):
    return signed_in(client, member_of(TRANSLATORS, username="traduction-fr"), "fr")


def test_the_translation_editor_in_french(translator_fr):
    event = EventPage.objects.filter(locale__language_code="fr").first()
    # The strings' dates ("Traduit … le 1 décembre 2026"), not "le 1 December 2026".
    StringTranslation.objects.filter(locale=event.locale).update(
        updated_at=datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)
    )
    response = translator_fr.get(f"/admin/pages/{event.pk}/edit/")
    html = soup(response)
    props = json.loads(html.select_one(".js-translation-editor")["data-props"])
    comments = [string["comment"] for string in props["initialStringTranslations"]]
    assert comments and all(comment.endswith(" le 1 décembre 2026") for comment in comments)
    # Labels the editor's script writes in English get their French words from the page.
    labels = html.find(id="localize-editor-labels")
    assert labels["data-english"] == "Deutsch to Français translation"
    assert labels["data-translated"] == "Traduction Deutsch → Français"
    assert labels["data-more-actions"] == "Plus d'actions"
    assert html.select_one('[aria-label="Traductions"]')
    # "Publier en Français", not "Publier dansFrançais" (wagtail-localize's JS catalogue).
    catalogue = translator_fr.get("/admin/localize/jsi18n/").content.decode()
    assert '"Publish in ": "Publier en "' in catalogue


def test_dates_follow_the_language_in_the_translation_comments():
    string_translation = StringTranslation.objects.exclude(tool_name="").first()
    string_translation.updated_at = timezone.make_aware(datetime.datetime(2026, 12, 1, 12))
    with translation.override("de"):
        assert string_translation.get_comment().endswith("am 1. Dezember 2026")
    with translation.override("fr"):
        assert string_translation.get_comment().endswith("le 1 décembre 2026")
    assert Locale.objects.filter(language_code="fr").exists()


def test_a_page_in_review_names_the_workflow_and_its_task_in_german(client):
    page = StandardPage.objects.get(locale__language_code="de", slug="ueber-die-kampagne")
    editor = member_of(EDITORS, username="einreichende")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    publisher = signed_in(client, member_of(PUBLISHERS, username="freigebende"), "de")

    # "Awaiting your review" on the dashboard names each task in a tooltip.
    review_panel = soup(publisher.get("/admin/")).find(id="awaiting-review-content") or soup(
        publisher.get("/admin/")
    )
    tooltips = [
        tag["data-w-tooltip-content-value"]
        for tag in review_panel.select("[data-w-tooltip-content-value]")
    ]
    assert any(tip.startswith("Prüfung und Freigabe: ") for tip in tooltips)
    assert not any("Approval by" in tip for tip in tooltips)
    edit = publisher.get(f"/admin/pages/{page.pk}/edit/")
    # The status panel's dialog (HTML in a <template>, shown by the admin's script).
    title = soup(edit).find(id="title-text-workflow-status-dialog")
    assert str(title.string).strip() == "Freigabe durch die Kommunikation"
    content = edit.content.decode()
    timeline = content[content.index('class="workflow-timeline"') :]
    assert "Prüfung und Freigabe" in timeline[: timeline.index("</ol>")]
    assert "Communications approval" not in content
    assert "Approval by communications publishers" not in content
    # When the review started, in words ("vor 3 Sekunden", "vor einer Sekunde", not "3
    # seconds ago"; on a busy machine a minute may have gone by).
    assert " ago" not in content
    assert re.search(r"\bjetzt\b|vor (\d+|einer) (Sekunde|Minute)", timeline)


def test_the_users_admin_names_the_roles_in_german(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    signed_in(client, admin, "de")
    member = member_of(EDITORS, username="rollenname")
    for url in ("/admin/users/", reverse("wagtailusers_users:edit", args=[member.pk])):
        html = soup(client.get(url))
        labels = [label.get_text(" ", strip=True) for label in html.find_all("label")]
        assert "Kommunikation – Redaktion" in labels, url
        assert "Veranstaltungsorganisation" in labels, url
        assert "Communications editors" not in labels, url
    # What is stored stays the name code and migrations know.
    assert member.groups.get().name == EDITORS
