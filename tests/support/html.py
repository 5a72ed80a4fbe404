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


def language_links(response):
    """The language switcher's links of a page that was served: {language code: address}."""
    html = ok_soup(response)
    return {a["hreflang"]: a["href"] for a in html.select("nav.language-switcher a")}


def head_for_search_engines(response, status=200):
    """What the head of a page answered with `status` tells search engines and sharers: its
    robots rule, canonical address and Open Graph address (None where absent), and its
    alternate addresses per language ({hreflang: absolute address}, x-default included)."""
    assert response.status_code == status, response.status_code
    html = soup(response)
    robots = html.find("meta", attrs={"name": "robots"})
    canonical = html.find("link", rel="canonical")
    og_url = html.find("meta", property="og:url")
    alternates = html.select('link[rel="alternate"][hreflang]')
    return {
        "robots": robots["content"] if robots else None,
        "canonical": canonical["href"] if canonical else None,
        "og_url": og_url["content"] if og_url else None,
        "alternates": {link["hreflang"]: link["href"] for link in alternates},
    }


def assert_a_personal_page(response, *, token, languages):
    """A page about one person (a link from an email): never cached, kept out of search
    engines (noindex; neither the event page nor its own address with the token is named
    canonical), its language switcher leading to the same page and token in each of
    `languages` ({language code: address}), and its head naming no address with the token:
    no alternate addresses either."""
    assert "no-store" in response["Cache-Control"]
    head = head_for_search_engines(response)
    assert head["robots"] == "noindex"
    assert head["canonical"] is None and head["og_url"] is None
    assert language_links(response) == languages
    assert head["alternates"] == {}
    assert token not in str(ok_soup(response).head)
