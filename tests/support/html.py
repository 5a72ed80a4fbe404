"""Reading pages the way a visitor does: parsed HTML and the text on it."""

from bs4 import BeautifulSoup

from django.http.response import HttpResponseBase


def soup(response):
    """The parsed HTML of a response."""
    return BeautifulSoup(response.content, "html.parser")


def ok_soup(response):
    """The parsed HTML of a response that must have been served (200)."""
    assert response.status_code == 200, response.status_code
    return soup(response)


def text(response_or_element):
    """The visible text of a response or of a parsed element, whitespace collapsed."""
    if isinstance(response_or_element, HttpResponseBase):
        response_or_element = soup(response_or_element)
    return " ".join(response_or_element.get_text(" ", strip=True).split())


def search_results(response):
    """The links of a search page's results, in order (the page must answer 200)."""
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in html.select(".search-results .card__title a")]
