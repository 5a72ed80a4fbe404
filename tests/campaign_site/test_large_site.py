"""The large-site generator for benchmarks, run at a tiny size."""

import io

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils.html import escape

from wagtail.models import Locale

from campaign_site.large_site.keys import generated_key
from events.models import EventPage, Registration
from home.models import Partner, Person
from insights.models import InsightPage
from tests.support.commands import PRODUCTION, run_manage

LANGUAGES = ("de", "en", "fr")


class TinyGeneratedSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command(
            "generate_large_site",
            "--events=3",
            "--insights=5",
            "--partners=3",
            "--people=3",
            "--images=2",
            "--registrations=6",
            stdout=io.StringIO(),
        )

    def generated(self, model, kind, count, language):
        keys = [generated_key(kind, number) for number in range(count)]
        return model.objects.filter(translation_key__in=keys, locale__language_code=language)

    def test_every_page_exists_in_each_language_and_is_served(self):
        for language in LANGUAGES:
            events = self.generated(EventPage, "event", 3, language)
            insights = self.generated(InsightPage, "insight", 5, language)
            self.assertEqual(events.count(), 3)
            self.assertEqual(insights.count(), 5)
            for page in [*events, *insights]:
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200, page.url)
                self.assertContains(response, f"<h1>{escape(page.title)}</h1>", html=False)
        german = self.generated(EventPage, "event", 3, "de").get(
            translation_key=generated_key("event", 0)
        )
        french = german.get_translation(Locale.objects.get(language_code="fr"))
        self.assertNotEqual(german.title, french.title)
        self.assertEqual(german.starts_at, french.starts_at)

    def test_listings_and_search_show_generated_pages(self):
        insight = self.generated(InsightPage, "insight", 5, "en").get(
            translation_key=generated_key("insight", 0)
        )
        response = self.client.get(insight.get_parent().url)
        self.assertContains(response, escape(insight.title))
        response = self.client.get("/de/search/", {"q": "Partnerschaften"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "/de/erkenntnisse/")

    def test_partners_and_people_exist_in_each_language(self):
        for language in LANGUAGES:
            self.assertEqual(self.generated(Partner, "partner", 3, language).count(), 3)
            self.assertEqual(self.generated(Person, "person", 3, language).count(), 3)

    def test_registrations_exist_and_the_upcoming_event_shows_its_form(self):
        keys = [generated_key("event", number) for number in range(3)]
        registrations = Registration.objects.filter(event_key__in=keys)
        self.assertEqual(registrations.count(), 6)
        self.assertEqual(set(registrations.values_list("status", flat=True)), {"confirmed"})
        upcoming = self.generated(EventPage, "event", 3, "fr").get(translation_key=keys[2])
        response = self.client.get(upcoming.url)
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, "Dans quelle langue préférez-vous échanger")

    def test_a_second_run_is_refused(self):
        with self.assertRaisesMessage(CommandError, "already holds a generated large site"):
            call_command("generate_large_site", "--events=1", "--insights=1")


def test_generator_refuses_production_settings(tmp_path):
    result = run_manage(
        "generate_large_site",
        "--events=1",
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    assert result.returncode != 0
    assert "Generated content is for measuring only" in result.stderr
    assert not (tmp_path / "production.sqlite3").exists()
