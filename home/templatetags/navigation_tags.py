"""Header and footer: the site's root, main menu, footer and language switcher.

Everything the header and footer show is rendered from here, from the `MainMenu` and
`Footer` snippets in the visitor's language (or the source language until translated).
"""

from django import template
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from campaign_site.cache import cached

from ..localization import (
    chosen_in_language_or_source,
    default_locale,
    in_language_or_source,
    localized_all,
)
from ..models import Footer, FooterLink, MainMenu, MainMenuItem, Partner, SiteTexts
from ..page_family import ancestors_and_translations

register = template.Library()


def _chrome(request):
    """The site's root page, main menu, footer and organisers in the active language.

    One fragment for the header and footer (cached until content changes, and read once per
    request): built with one query for each of the menu, the footer and the organisers, and
    one for the translations of all the pages they link to.
    """
    language = translation.get_language()
    memo = request.__dict__.setdefault("_chrome", {})
    if language not in memo:
        site = Site.find_for_request(request)
        # Links are relative to the site the request is for, and in the active language.
        key = f"chrome:{request.get_host()}:{site.pk if site else '-'}:{language}"
        memo[language] = cached(key, lambda: _build_chrome(request, site), request=request)
    return memo[language]


def _build_chrome(request, site):
    # The items of the menu in the visitor's language (else the source language's), with
    # their pages, in one query; the same for the footer's links, with the footer itself
    # (read on its own only when it has no links).
    menu = chosen_in_language_or_source(MainMenu.objects.all())
    items = list(MainMenuItem.objects.filter(menu=menu).select_related("link_page"))
    chosen = chosen_in_language_or_source(Footer.objects.all())
    links = list(FooterLink.objects.filter(footer=chosen).select_related("footer", "link_page"))
    footer = links[0].footer if links else in_language_or_source(Footer.objects.all())
    root = site.root_page if site is not None else None
    pages = [root] + [item.link_page for item in items + links if item.link_page_id]
    translated = {page.translation_key: page for page in localized_all(pages)}
    return {
        "root": translated[root.translation_key] if root is not None else None,
        "menu": _resolve_links(items, translated, request),
        "footer": {"text": footer.text, "links": _resolve_links(links, translated, request)}
        if footer is not None
        else None,
        "organisers": _organisers(),
    }


def _resolve_links(items, translated, request):
    """Turn menu/footer link rows into dicts with text, href and the page's tree path."""
    links = []
    for item in items:
        if item.link_page_id:
            page = translated[item.link_page.translation_key]
            if not page.live:
                continue
            links.append(
                {"href": page.get_url(request), "text": item.label or page.title, "path": page.path}
            )
        else:
            links.append({"href": item.link_url, "text": item.label, "path": None})
    return links


def _organisers():
    # Each with its logo's rendition resolved, so the cached list needs no query to show;
    # the renditions of all logos (of the partners in the visitor's language) in one query.
    partners = Partner.objects.filter(role=Partner.Role.ORGANISER, locale=default_locale())
    partners = localized_all(list(partners.select_related("logo")), select_related=["logo"])
    prefetch_related_objects([p.logo for p in partners if p.logo is not None], "renditions")
    return [
        {
            "name": partner.name,
            "website": partner.website,
            "logo": partner.logo.get_rendition("max-240x80") if partner.logo else None,
        }
        for partner in partners
    ]


@register.simple_tag(takes_context=True)
def site_root(context):
    """The campaign overview page in the active language (or the source language)."""
    return _chrome(context["request"])["root"]


@register.simple_tag(takes_context=True)
def site_texts(context):
    """The site's name, tagline and standard texts in the visitor's language (or None)."""
    return SiteTexts.for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's links in the visitor's language, the current section marked."""
    links = _chrome(context["request"])["menu"]
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else None
    return [
        {
            **link,
            "current": bool(current_path) and current_path == link["path"],
            "ancestor": bool(current_path and link["path"])
            and current_path != link["path"]
            and current_path.startswith(link["path"]),
        }
        for link in links
    ]


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer's text and links in the visitor's language."""
    return _chrome(context["request"])["footer"]


@register.simple_tag(takes_context=True)
def organisers(context):
    """The campaign's organisers in the visitor's language, for the footer's logo row."""
    return _chrome(context["request"])["organisers"]


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per configured language: its name, its URL and whether it is active.

    On a Wagtail page the URL points at the same page in the other language, and a language
    is listed only where a live translation exists that anyone may open. A view below the
    page (a routable page's route, e.g. a personal form) names that route as `page_route`
    in its context ("feedback/<token>/"): each URL keeps it, so the visitor stays on the
    same view. Elsewhere (e.g. a search results view) the current URL is translated by its
    language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    if isinstance(page, Page) and page.pk:

        def build():
            # The page itself, and the translations anyone may open.
            _ancestors, translations = ancestors_and_translations(page, request)
            by_language = {p.locale.language_code: p for p in translations}
            urls = [
                (code, by_language[code].get_url(request)) for code in names if code in by_language
            ]
            return [(code, url) for code, url in urls if url]

        # The head, its hreflang links and the switcher all ask: read once per request.
        memo = request.__dict__.setdefault("_language_versions", {})
        if page.pk not in memo:
            key = f"language-versions:{request.get_host()}:{page.pk}"
            memo[page.pk] = cached(key, build, request=request)
        route = context.get("page_route", "")
        return [
            _version(request, code, names[code], url + route, current)
            for code, url in memo[page.pk]
        ]
    return [
        _version(request, code, names[code], translate_url(request.get_full_path(), code), current)
        for code in names
    ]


def _version(request, code, name, url, current):
    return {
        "code": code,
        "name": name,
        "url": url,
        "absolute_url": request.build_absolute_uri(url),
        "active": code == current,
    }


@register.simple_tag(takes_context=True)
def pages_at_this_address_elsewhere(context):
    """For a 404 under a language prefix: the page this address names in other languages.

    "/fr/veranstaltungen/x/" is a German address under the French prefix: this finds the
    German page (and lists its live translations), so the visitor can go where it exists.
    """
    from django.http import Http404

    request = context["request"]
    code, _slash, rest = request.path.lstrip("/").partition("/")
    if code not in dict(settings.LANGUAGES):
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    components = [part for part in rest.split("/") if part]
    for root in site.root_page.get_translations(inclusive=True).exclude(locale__language_code=code):
        try:
            page = root.specific.route(request, components).page
        except Http404:
            continue
        # Only versions anyone may open: a 404 must not name private pages.
        versions = page.get_translations(inclusive=True).live().public().select_related("locale")
        names = dict(settings.LANGUAGES)
        return [
            {"name": names.get(p.locale.language_code, p.locale.language_code),
             "code": p.locale.language_code, "url": p.get_url(request), "title": p.title}
            for p in versions
        ]  # fmt: skip
    return []
