"""The study's citation tags as reference managers (Zotero) and Google Scholar read them: each
language version cites its own PDF in its own language, or claims none, and names the
institution that publishes the report."""

import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from insights.models import InsightPage, InsightPageDocument
from tests.support.html import ok_soup

pytestmark = pytest.mark.django_db


def study(language):
    return InsightPage.objects.get(locale__language_code=language, insight_type="publication")


def citation(html, name):
    return [tag["content"] for tag in html.find_all("meta", attrs={"name": name})]


def download_links(html):
    return {
        link["hreflang"]: "http://testserver" + link["href"]
        for link in html.select(".publication__documents a")
    }


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_study_cites_the_pdf_in_its_own_language(client, language):
    html = ok_soup(client.get(study(language).url))
    assert citation(html, "citation_language") == [language]
    assert citation(html, "citation_pdf_url") == [download_links(html)[language]]


def test_a_study_without_a_pdf_in_its_language_claims_none(client):
    html = ok_soup(client.get(study("fr").url))
    assert "fr" not in download_links(html)  # the demo has no French PDF
    assert citation(html, "citation_language") == ["fr"]
    assert citation(html, "citation_pdf_url") == []
    # Readers still find the other languages' documents on the page.
    assert set(download_links(html)) == {"de", "en"}


def test_only_a_pdf_is_cited_as_the_pdf(client):
    french = study("fr")
    document = get_document_model()(title="L'étude (texte)")
    document.file.save("etude.docx", ContentFile(b"PK\x03\x04 not a pdf"), save=False)
    document.save()
    french.documents.add(InsightPageDocument(document=document, language="fr"))
    french.save_revision().publish()
    html = ok_soup(client.get(french.url))
    assert "fr" in download_links(html)
    assert citation(html, "citation_pdf_url") == []


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_the_study_is_typed_as_a_report_of_the_campaign(client, language):
    html = ok_soup(client.get(study(language).url))
    assert citation(html, "citation_technical_report_institution") == ["Partnerschaften2030"]
