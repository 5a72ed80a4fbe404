"""Header and footer: the site's root, main menu, footer and language switcher.

Everything the header and footer show is rendered from here, from the `MainMenu` and
`Footer` snippets in the visitor's language (or the source language until translated).
"""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from campaign_site.cache import cached

from ..localization import default_locale, in_language_or_source, localized_all
from ..models import Footer, MainMenu, Partner, SiteTexts

register = template.Library()


def _localized_root(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    return cached(
        f"site-root:{site.pk}:{language}", lambda: site.root_page.localized, request=request
    )


def _resolve_links(items, request):
    """Turn menu/footer link rows into dicts with text, href and the page's tree path."""
    pages = localized_all([item.link_page for item in items if item.link_page_id])
    page_by_key = {page.translation_key: page for page in pages}
    links = []
    for item in items:
        if item.link_page_id:
            page = page_by_key[item.link_page.translation_key]
            if not page.live:
                continue
            links.append(
                {"href": page.get_url(request), "text": item.label or page.title, "path": page.path}
            )
        else:
            links.append({"href": item.link_url, "text": item.label, "path": None})
    return links


def _chrome_key(name, request):
    # Links are relative to the site the request is for, and in the active language.
    return f"{name}:{request.get_host()}:{translation.get_language()}"


@register.simple_tag(takes_context=True)
def site_root(context):
    """The campaign overview page in the active language (or the source language)."""
    return _localized_root(context["request"])


@register.simple_tag(takes_context=True)
def site_texts(context):
    """The site's name, tagline and standard texts in the visitor's language (or None)."""
    return SiteTexts.for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's links in the visitor's language, the current section marked."""
    request = context["request"]

    def build():
        menu = in_language_or_source(MainMenu.objects.prefetch_related("items__link_page"))
        return _resolve_links(list(menu.items.all()), request) if menu else []

    links = cached(_chrome_key("main-menu", request), build, request=request)
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
    request = context["request"]

    def build():
        footer = in_language_or_source(Footer.objects.prefetch_related("links__link_page"))
        if footer is None:
            return None
        return {"text": footer.text, "links": _resolve_links(list(footer.links.all()), request)}

    return cached(_chrome_key("site-footer", request), build, request=request)


@register.simple_tag(takes_context=True)
def organisers(context):
    """The campaign's organisers in the visitor's language, for the footer's logo row.

    Each with its logo's rendition resolved, so the cached list needs no query to show.
    """
    request = context["request"]

    def build():
        partners = Partner.objects.filter(
            role=Partner.Role.ORGANISER, locale=default_locale()
        ).select_related("logo")
        localized = localized_all(
            list(partners.prefetch_related("logo__renditions")),
            select_related=["logo"],
            prefetch_related=["logo__renditions"],
        )
        return [
            {
                "name": partner.name,
                "website": partner.website,
                "logo": partner.logo.get_rendition("max-240x80") if partner.logo else None,
            }
            for partner in localized
        ]

    return cached(_chrome_key("organisers", request), build, request=request)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per configured language: its name, its URL and whether it is active.

    On a Wagtail page the URL points at the same page in the other language, and a language
    is listed only where a live translation exists that anyone may open. Elsewhere (e.g. a
    search results view) the current URL is translated by its language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    if isinstance(page, Page) and page.pk:

        def build():
            # The page itself, and the translations anyone may open: a private version's
            # address is not for every visitor (the page cache keeps this for all of them).
            translations = page.get_translations(inclusive=True).live().select_related("locale")
            translations = translations.filter(Q(pk=page.pk) | ~translations.private_q())
            by_language = {p.locale.language_code: p for p in translations}
            urls = [
                (code, by_language[code].get_url(request)) for code in names if code in by_language
            ]
            return [(code, url) for code, url in urls if url]

        key = f"language-versions:{request.get_host()}:{page.pk}"
        return [
            _version(request, code, names[code], url, current)
            for code, url in cached(key, build, request=request)
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
