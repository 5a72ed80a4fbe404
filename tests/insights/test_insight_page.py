"""An insight: type, authors, date, reading time, blocks, related events and insights, the study."""

import datetime
import json

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

from home.localization import get_locale
from home.models import Person, Region, SustainableDevelopmentGoal, Topic
from insights.models import (
    InsightPage,
    InsightPageAuthor,
    InsightPageDocument,
    InsightPageRelatedInsight,
)
from tests.support.factories import insight_index, make_event, make_insight
from tests.support.html import ok_soup as soup

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 6, 15)


def words(count):
    return json.dumps(
        [{"type": "paragraph", "value": "<p>" + " ".join(["Partnerschaft"] * count) + "</p>"}]
    )


@pytest.mark.parametrize(("count", "minutes"), [(0, 1), (150, 1), (200, 1), (201, 2), (950, 5)])
def test_reading_time_is_words_per_200_rounded_up_at_least_one(count, minutes):
    insight = make_insight("Lesezeit", DAY, body=words(count))
    assert insight.reading_time() == minutes
    assert InsightPage.objects.get(pk=insight.pk).reading_minutes == minutes


def test_reading_time_counts_text_in_every_block():
    body = [
        {"type": "heading", "value": {"text": "Zwei Worte", "level": "h2", "anchor": ""}},
        {"type": "paragraph", "value": "<p>" + " ".join(["Wort"] * 300) + "</p>"},
        {"type": "key_takeaways", "value": {"heading": "", "items": ["Eins zwei drei"] * 40}},
    ]
    insight = make_insight("Blöcke", DAY, body=json.dumps(body))
    assert insight.reading_time() == 3  # 2 + 300 + 120 words


def test_page_shows_type_title_date_authors_and_reading_time(client):
    insight = make_insight("Ein Gespräch", DAY, insight_type="interview", body=words(450))
    person = Person.objects.create(locale=get_locale("de"), name="Alex Beispiel", role="Referentin")
    insight.authors = [InsightPageAuthor(person=person)]
    insight.save_revision().publish()
    with timezone.override("Europe/Berlin"):
        html = soup(client.get(insight.url))
    assert html.find(class_="insight__type").get_text(strip=True) == "Interview"
    assert html.h1.get_text(strip=True) == "Ein Gespräch"
    meta = html.find(class_="insight__meta")
    assert "Alex Beispiel" in meta.get_text()
    assert meta.find("time")["datetime"] == "2027-06-15"
    assert "3" in html.find(class_="insight__reading-time").get_text()


def test_publication_date_defaults_to_the_day_of_first_publication_and_stays_editable():
    parent = insight_index()
    insight = InsightPage(title="Ohne Datum", publication_date=None)
    parent.add_child(instance=insight)
    assert InsightPage.objects.get(pk=insight.pk).publication_date is None  # a draft
    insight.save_revision().publish()
    insight = InsightPage.objects.get(pk=insight.pk)
    assert insight.publication_date == timezone.localdate(insight.first_published_at)

    insight.publication_date = datetime.date(2023, 9, 18)
    insight.save_revision().publish()
    assert InsightPage.objects.get(pk=insight.pk).publication_date == datetime.date(2023, 9, 18)


def test_key_takeaways_and_partnership_facts_blocks_render(client):
    body = [
        {"type": "key_takeaways", "value": {"heading": "", "items": ["Früh Ziele klären."]}},
        {
            "type": "partnership_facts",
            "value": {
                "partners": ["Ein Nachhaltigkeitsrat", "Kommunen"],
                "region": "UNECE-Region",
                "sdgs": ["11", "17"],
                "period": "seit 2019",
                "outcome": "Ein gemeinsamer Fahrplan.",
            },
        },
    ]
    insight = make_insight(
        "Beispiel", DAY, language="en", insight_type="case", body=json.dumps(body)
    )
    html = soup(client.get(insight.url))
    takeaways = html.find(class_="key-takeaways")
    assert takeaways.h2.get_text(strip=True) == "Key takeaways"
    assert takeaways.li.get_text(strip=True) == "Früh Ziele klären."
    facts = html.find(class_="partnership-facts")
    assert [li.get_text(strip=True) for li in facts.select(".partnership-facts__partners li")] == [
        "Ein Nachhaltigkeitsrat",
        "Kommunen",
    ]
    goals = [badge.get_text(strip=True) for badge in facts.select(".sdg-badge")]
    assert goals == ["11", "17"]
    assert "Sustainable cities and communities" in facts.get_text()  # in the page's language
    assert "seit 2019" in facts.get_text() and "Ein gemeinsamer Fahrplan." in facts.get_text()


def tag(insight, sdgs=(), regions=(), topics=()):
    de = {"locale__language_code": "de"}
    insight.sdgs = SustainableDevelopmentGoal.objects.filter(number__in=sdgs, **de)
    insight.regions = Region.objects.filter(slug__in=regions, **de)
    insight.topics = Topic.objects.filter(slug__in=topics, **de)
    insight.save_revision().publish()
    return insight


def test_related_insights_fall_back_to_those_sharing_the_most_tags(only_test_insights):
    page = tag(make_insight("Seite", DAY), sdgs=[17], regions=["unece"], topics=["trust"])
    tag(make_insight("Ein Tag", DAY), sdgs=[17])
    tag(make_insight("Drei Tags", DAY - datetime.timedelta(days=30)), [17], ["unece"], ["trust"])
    tag(make_insight("Zwei Tags", DAY), sdgs=[17], regions=["unece"])
    tag(make_insight("Nichts gemeinsam", DAY), sdgs=[3])
    tag(make_insight("Zurückgezogen", DAY), sdgs=[17]).unpublish()
    english = make_insight("English", DAY, language="en")
    tag(english, sdgs=[17], regions=["unece"], topics=["trust"])

    related = [insight.title for insight in page.related_insights()]
    assert related == ["Drei Tags", "Zwei Tags", "Ein Tag"]


def test_hand_picked_related_insights_win_over_shared_tags(client):
    page = tag(make_insight("Seite", DAY), sdgs=[17])
    tag(make_insight("Gleiche Tags", DAY), sdgs=[17])
    chosen = make_insight("Handverlesen", DAY - datetime.timedelta(days=99))
    page.related_insight_links = [InsightPageRelatedInsight(related=chosen)]
    page.save_revision().publish()

    html = soup(client.get(page.url))
    section = html.find(class_="insight__related")
    assert [a.get_text(strip=True) for a in section.select(".card__title a")] == ["Handverlesen"]


def test_insight_names_its_events_and_the_event_lists_the_insight(client):
    event = make_event(
        "Werkstatt",
        timezone.now() - datetime.timedelta(days=3),
        format="hybrid",
        venue_name="Rotes Rathaus",
        venue_city="Berlin",
    )
    insight = make_insight("Was wir gelernt haben", DAY)
    insight.event_links = [insight.event_links.model(event=event)]
    insight.save_revision().publish()

    section = soup(client.get(insight.url)).find(class_="insight__events")
    assert [a["href"] for a in section.select(".card__title a")] == [event.url]
    # The same card as in the event listing: where people meet.
    assert section.select_one(".card__place").get_text(strip=True) == "Berlin"
    event_html = soup(client.get(event.url))
    assert "Was wir gelernt haben" in event_html.find(class_="event-outputs").get_text()


@pytest.fixture
def study():
    Document = get_document_model()
    document = Document(title="Die Studie (PDF)")
    document.file.save("studie.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048), save=False)
    document.save()
    insight = make_insight(
        "Die Studie",
        datetime.date(2023, 9, 18),
        insight_type="publication",
        citation="Partnerschaften2030 (2023): Die Studie.",
    )
    insight.partners = insight.partners.model.objects.filter(
        locale__language_code="de", slug="partnerschaften2030"
    )
    insight.documents = [InsightPageDocument(document=document, language="de")]
    insight.save_revision().publish()
    return insight


def test_publication_offers_its_documents_with_type_size_and_language(client, study):
    html = soup(client.get(study.url))
    link = html.select_one(".publication__documents a")
    assert link["href"].endswith(".pdf") and link["hreflang"] == "de"
    details = link.find(class_="block-download__details").get_text()
    assert "PDF" in details and "2,0" in details and "Deutsch" in details
    assert (
        "Partnerschaften2030 (2023): Die Studie."
        in html.find(class_="publication__citation").get_text()
    )


def test_publication_has_citation_meta_tags_for_scholarly_indexing(client, study):
    html = soup(client.get(study.url))

    def meta(name):
        return [tag["content"] for tag in html.find_all("meta", attrs={"name": name})]

    assert meta("citation_title") == ["Die Studie"]
    assert meta("citation_author") == ["Partnerschaften2030"]
    assert meta("citation_publication_date") == ["2023/09/18"]
    assert meta("citation_language") == ["de"]
    [pdf_url] = meta("citation_pdf_url")
    assert pdf_url.startswith("http://testserver/") and pdf_url.endswith(".pdf")


def test_other_insights_have_no_citation_tags(client):
    html = soup(client.get(make_insight("Eine Meldung", DAY).url))
    assert html.find("meta", attrs={"name": "citation_title"}) is None


def test_a_download_says_its_language_to_readers_of_another(client):
    from tests.support.documents import make_document

    document = make_document("Studie (Langfassung)")
    download = {"document": document, "title_override": "", "description": "", "language": "de"}
    english = make_insight(
        "The long version", language="en", body=[("document_download", download)]
    )
    german = make_insight("Die Langfassung", body=[("document_download", download)])
    english_details = soup(client.get(english.url)).select_one(".block-download__details")
    german_details = soup(client.get(german.url)).select_one(".block-download__details")
    assert english_details.get_text(strip=True).endswith(", in German)")
    assert "Deutsch" not in german_details.get_text()
