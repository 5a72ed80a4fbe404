"""The demo-content command: real campaign text, translations through wagtail-localize."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from campaign_site.demo import learnings
from events.models import EventIndexPage, EventPage
from home.locales import sync_locales
from home.models import HomePage
from insights.models import InsightIndexPage
from tests.support.commands import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
        "sites": Site.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_demo_site_tree_in_german_with_the_campaigns_text():
    home = HomePage.objects.get(locale__language_code="de")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert "Lernerfahrungen" in home.body.render_as_block()
    event_index = EventIndexPage.objects.child_of(home).get()
    event = EventPage.objects.child_of(event_index).get(
        slug="side-event-ecosoc-partnership-forum-2023"
    )
    assert event.title == "Side Event beim ECOSOC Partnership Forum 2023"
    assert event.start_date.isoformat() == "2023-01-31"
    assert event.timing.starts_at().isoformat() == "2023-01-31T13:15:00-05:00"
    assert event.time_zone == "America/New_York"
    assert "UNECE-Region" in event.body.render_as_block()
    assert InsightIndexPage.objects.child_of(home).exists()


def test_translations_are_made_by_wagtail_localize():
    for page in Page.objects.filter(locale__language_code="de", depth__gte=2):
        source = TranslationSource.objects.get_for_instance(page)
        targets = set(
            Translation.objects.filter(source=source).values_list(
                "target_locale__language_code", flat=True
            )
        )
        assert targets == {"en", "fr"}, page
        for translated in page.get_translations():
            # A real translation, not the German text copied over.
            assert translated.title != page.title
            assert translated.translation_key == page.translation_key
            assert translated.live


def test_translated_event_keeps_dates_and_time_zone():
    german = EventPage.objects.get(
        locale__language_code="de", occasion="ECOSOC Partnership Forum 2023"
    )
    for translated in german.get_translations().specific():
        assert (translated.starts_at, translated.ends_at) == (german.starts_at, german.ends_at)
        assert list(translated.sdgs.all()) == list(german.sdgs.all())
        assert translated.time_zone == german.time_zone


def test_a_workshop_just_over_with_outputs_and_a_feedback_form_in_three_languages():
    workshop = EventPage.objects.get(slug=learnings.SLUG, locale__language_code="de")
    # Dated from the day the demo is built: it is always over, and only just.
    assert workshop.state() == "past"
    assert timezone.now() - workshop.ends_at < datetime.timedelta(days=learnings.DAYS_AGO + 1)
    assert workshop.follow_up_after > 0
    assert [block.block_type for block in workshop.outputs] == ["paragraph", "document_download"]
    assert [block.block_type for block in workshop.feedback] == [
        "rating",
        "enabling_factor",
        "choice",
        "free_text",
    ]
    german = [block.value["question"] for block in workshop.feedback]
    assert german[-1] == "Was hat diese Partnerschaft gelingen lassen?"
    for language, last in (
        ("en", "What made this partnership work?"),
        ("fr", "Qu'est-ce qui a fait réussir ce partenariat\u00a0?"),
    ):
        version = workshop.get_translation(Locale.objects.get(language_code=language))
        # The same questions (their answers count together), in the version's words.
        assert [block.id for block in version.feedback] == [block.id for block in workshop.feedback]
        questions = [block.value["question"] for block in version.feedback]
        assert questions[-1] == last
        assert not set(questions) & set(german)
        options = [str(option) for option in version.feedback[2].value["options"]]
        assert len(options) == 3 and "Vielleicht" not in options


def test_demo_command_is_idempotent(capsys):
    # The test database holds the demo site without its people; the first run adds them
    # (and the learning drafted from the workshop's feedback), the second changes nothing.
    call_command("load_demo_content")
    capsys.readouterr()
    before = counts()
    call_command("load_demo_content")
    assert counts() == before
    output = capsys.readouterr().out
    assert "Translated" not in output
    assert "admin" in output and "partnerships2030" in output


def test_demo_command_leaves_no_placeholder_page():
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


def test_a_configured_extra_language_gets_the_demo_pages(
    client, django_capture_on_commit_callbacks
):
    languages = [("de", "Deutsch"), ("en", "English"), ("fr", "Français"), ("ru", "Русский")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        sync_locales()
        assert Locale.objects.filter(language_code="ru").exists()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content")
        russian = HomePage.objects.get(locale__language_code="ru")
        # No Russian in the demo catalogue: the page waits for a translator in German.
        assert russian.title == "Partnerschaften für die Agenda 2030"
        response = client.get("/ru/")
        assert response.status_code == 200
        assert 'lang="ru"' in response.text


def test_demo_command_refuses_production_settings(tmp_path):
    result = run_manage(
        "load_demo_content",
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    assert result.returncode != 0
    assert "Demo content is for local use only" in result.stderr
    assert not (tmp_path / "production.sqlite3").exists()
