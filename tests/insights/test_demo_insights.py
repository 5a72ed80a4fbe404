"""The demo's insights: every type, in German, translated into English and French."""

import pytest
from bs4 import BeautifulSoup

from insights.models import InsightPage, InsightType

pytestmark = pytest.mark.django_db


def test_demo_has_a_live_insight_of_every_type_in_every_language():
    for language in ("de", "en", "fr"):
        types = set(
            InsightPage.objects.live()
            .filter(locale__language_code=language)
            .values_list("insight_type", flat=True)
        )
        assert types == set(InsightType.values), language


def test_translated_insights_keep_type_date_and_tags():
    for german in InsightPage.objects.filter(locale__language_code="de"):
        for translated in german.get_translations().specific():
            assert translated.title != german.title
            assert translated.insight_type == german.insight_type
            assert translated.publication_date == german.publication_date
            assert list(translated.sdgs.all()) == list(german.sdgs.all())


def test_demo_study_offers_a_real_pdf_with_its_size(client):
    study = InsightPage.objects.get(locale__language_code="en", insight_type="publication")
    html = BeautifulSoup(client.get(study.url).content, "html.parser")
    links = html.select(".publication__documents a")
    assert [link["hreflang"] for link in links] == ["de", "en"]
    for link in links:
        assert "PDF" in link.get_text() and "KB" in link.get_text()
        document = client.get(link["href"])
        assert document.status_code == 200
        assert b"".join(document.streaming_content).startswith(b"%PDF")
    assert html.find("meta", attrs={"name": "citation_language"})["content"] == "en"
    assert "How to cite" in html.get_text()
