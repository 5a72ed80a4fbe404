"""Lists and switchers name only pages the visitor may open: a page behind a password, a
sign-in or a group shows neither its title nor its address in related insights, the language
switcher or the "this page in other languages" list of a 404, also from the page cache."""

import pytest

from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from home.localization import get_locale
from insights.models import InsightPageEvent, InsightPageRelatedInsight
from tests.support.factories import make_event, make_insight
from tests.support.html import soup

pytestmark = pytest.mark.django_db

RESTRICTIONS = [
    {"restriction_type": PageViewRestriction.PASSWORD, "password": "nur-fuer-mitglieder"},
    {"restriction_type": PageViewRestriction.LOGIN},
    {"restriction_type": PageViewRestriction.GROUPS},
]


def restrict(page, restriction):
    PageViewRestriction.objects.create(page=page, **restriction)


def names_and_links(response):
    html = soup(response)
    return html.get_text(" "), {link["href"] for link in html.select("[href]")}


@pytest.mark.parametrize("restriction", RESTRICTIONS, ids=lambda r: r["restriction_type"])
def test_an_event_page_lists_only_related_insights_anyone_may_read(client, restriction):
    event = make_event("Dialog über Partnerschaften")
    public = make_insight("Was wir gelernt haben")
    private = make_insight("Interne Auswertung des Vorstands")
    for insight in (public, private):
        InsightPageEvent.objects.create(insight=insight, event=event)
        insight.save_revision().publish()
    # Shown, and kept in the page cache, while everything is public...
    text, links = names_and_links(client.get(event.url))
    assert "Interne Auswertung des Vorstands" in text
    # ...gone once the insight is made private, for the cached page too.
    restrict(private, restriction)
    text, links = names_and_links(client.get(event.url))
    assert "Was wir gelernt haben" in text
    assert "Interne Auswertung des Vorstands" not in text
    assert private.url not in links


def test_a_private_section_hides_the_insights_in_it(client):
    event = make_event("Dialog über Partnerschaften")
    private = make_insight("Interne Auswertung des Vorstands")
    InsightPageEvent.objects.create(insight=private, event=event)
    private.save_revision().publish()
    restrict(private.get_parent(), RESTRICTIONS[1])
    text, _links = names_and_links(client.get(event.url))
    assert "Interne Auswertung des Vorstands" not in text


@pytest.fixture
def translated_event(django_capture_on_commit_callbacks):
    """A German event with a published English translation: (German, English)."""
    event = make_event("Geheimes Treffen")
    english = get_locale("en")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[english]).create_translations(event)
    translation = event.get_translation(english)
    translation.title = "Secret meeting"
    translation.save_revision().publish()
    return event, translation.specific


def test_the_language_switcher_offers_only_versions_anyone_may_open(client, translated_event):
    german, english = translated_event
    english_alternate = 'link[rel="alternate"][hreflang="en"]'
    response = client.get(german.url)
    _text, links = names_and_links(response)
    assert english.url in links
    assert soup(response).select(english_alternate)
    restrict(english, RESTRICTIONS[1])
    response = client.get(german.url)
    assert response.status_code == 200
    _text, links = names_and_links(response)
    assert english.url not in links
    assert not soup(response).select(english_alternate)


def test_a_404_names_only_language_versions_anyone_may_open(client, translated_event):
    german, english = translated_event
    # The German address under the French prefix: not found, but it exists in other languages.
    wrong_address = german.url.replace("/de/", "/fr/", 1)
    text, links = names_and_links(client.get(wrong_address))
    assert "Secret meeting" in text and english.url in links
    restrict(english, RESTRICTIONS[0])
    restrict(german, RESTRICTIONS[2])
    response = client.get(wrong_address)
    assert response.status_code == 404
    text, links = names_and_links(response)
    assert "Secret meeting" not in text and "Geheimes Treffen" not in text
    assert english.url not in links


@pytest.mark.parametrize("restriction", RESTRICTIONS[:2], ids=lambda r: r["restriction_type"])
def test_an_insight_names_only_events_and_insights_anyone_may_open(client, restriction):
    insight = make_insight("Was wir gelernt haben")
    public_event = make_event("Offener Dialog")
    private_event = make_event("Klausur des Lenkungskreises")
    public_insight = make_insight("Zehn Faktoren für Partnerschaften")
    private_insight = make_insight("Vertraulicher Zwischenbericht")
    for event in (public_event, private_event):
        InsightPageEvent.objects.create(insight=insight, event=event)
    for related in (public_insight, private_insight):
        InsightPageRelatedInsight.objects.create(page=insight, related=related)
    insight.save_revision().publish()
    text, _links = names_and_links(client.get(insight.url))
    assert "Klausur des Lenkungskreises" in text
    assert "Vertraulicher Zwischenbericht" in text
    # Made private: gone from the insight's page, also where it was kept in the page cache.
    restrict(private_event, restriction)
    restrict(private_insight, restriction)
    text, links = names_and_links(client.get(insight.url))
    assert "Offener Dialog" in text
    assert "Zehn Faktoren für Partnerschaften" in text
    assert "Klausur des Lenkungskreises" not in text
    assert "Vertraulicher Zwischenbericht" not in text
    assert private_event.url not in links and private_insight.url not in links
