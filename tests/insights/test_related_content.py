"""What an insight names besides itself, in the reader's language: its events, its tags and
the insights chosen as related, never one a visitor may not open."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from home.localization import get_locale
from home.models import Region, SustainableDevelopmentGoal
from insights.models import InsightPageEvent, InsightPageRelatedInsight
from tests.support.factories import make_event, make_insight
from tests.support.html import ok_soup as soup

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 6, 15)


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """Publish an English translation of a German page under `title`; returns it."""

    def translate(page, title):
        english = get_locale("en")
        with django_capture_on_commit_callbacks(execute=True):
            TranslationCreator(user=None, target_locales=[english]).create_translations(page)
        translation = page.get_translation(english)
        translation.title = title
        translation.save_revision().publish()
        return translation.specific

    return translate


def card_titles(response, section_class):
    section = soup(response).find(class_=section_class)
    return (
        []
        if section is None
        else [a.get_text(strip=True) for a in section.select(".card__title a")]
    )


def test_an_english_insight_names_its_events_in_english_and_only_public_ones(client, translate):
    translated = make_event("Werkstatt")
    translate(translated, "Workshop")
    untranslated = make_event("Nur auf Deutsch")
    private = make_event("Vorstandssitzung")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    insight = make_insight("What we learned", DAY, language="en")
    for event in (translated, untranslated, private):
        InsightPageEvent.objects.create(insight=insight, event=event)
    insight.save_revision().publish()

    titles = card_titles(client.get(insight.url), "insight__events")
    assert sorted(titles) == ["Nur auf Deutsch", "Workshop"]


def test_events_are_listed_latest_first_and_in_the_editors_order_when_they_start_together(
    client,
):
    start = timezone.now() + datetime.timedelta(days=40)
    earlier = make_event("Auftakt", start - datetime.timedelta(days=7))
    second, first = make_event("Zweite Runde", start), make_event("Erste Runde", start)
    insight = make_insight("Was wir gelernt haben", DAY)
    for event in (earlier, first, second):  # the editor's order, not the pages' order
        InsightPageEvent.objects.create(insight=insight, event=event)
    insight.save_revision().publish()

    titles = card_titles(client.get(insight.url), "insight__events")
    assert titles == ["Erste Runde", "Zweite Runde", "Auftakt"]


def test_chosen_related_insights_are_shown_in_the_readers_language_in_the_chosen_order(
    client, translate
):
    second = make_insight("Zweite Wahl", DAY)
    translate(second, "Second choice")
    first = make_insight("Erste Wahl", DAY - datetime.timedelta(days=40))
    translate(first, "First choice")
    untranslated = make_insight("Nur auf Deutsch", DAY)
    page = make_insight("Seite", DAY)
    page.related_insight_links = [
        InsightPageRelatedInsight(related=related) for related in (first, untranslated, second)
    ]
    page.save_revision().publish()
    english = translate(page, "Page")

    assert card_titles(client.get(page.url), "insight__related") == [
        "Erste Wahl",
        "Nur auf Deutsch",
        "Zweite Wahl",
    ]
    assert card_titles(client.get(english.url), "insight__related") == [
        "First choice",
        "Second choice",
    ]


def test_an_english_insight_shows_its_german_tags_in_english(client, translate):
    page = make_insight("Seite", DAY)
    page.sdgs = SustainableDevelopmentGoal.objects.filter(
        locale__language_code="de", number__in=[11, 17]
    )
    page.save_revision().publish()
    english = translate(page, "Page")

    tags = [tag.get_text(" ", strip=True) for tag in soup(client.get(english.url)).select(".tag")]
    assert tags == [
        "11 SDG 11: Sustainable cities and communities",
        "17 SDG 17: Partnerships for the goals",
    ]


def test_a_preview_shows_the_tags_chosen_in_the_form_not_the_saved_ones():
    page = make_insight("Seite", DAY)
    page.regions = Region.objects.filter(locale__language_code="de", slug="unece")
    page.save_revision().publish()
    page.regions = []  # chosen in the form, not saved

    tagged, in_language = page.tags_in_language("regions")
    assert tagged == [] and in_language == []
