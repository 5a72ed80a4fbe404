"""Header and footer navigation: the site's root, its menu and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

register = template.Library()


def _localized_root(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def site_root(context):
    """The campaign overview page in the active language (or the source language)."""
    return _localized_root(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live pages below the overview that editors marked "show in menus".

    Each entry says whether the current page is that page or lies below it.
    """
    root = _localized_root(context["request"])
    if root is None:
        return []
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return [
        {"page": menu_page, "active": current_path.startswith(menu_page.path)}
        for menu_page in root.get_children().live().public().in_menu()
    ]


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per configured language: its name, its URL and whether it is active.

    On a Wagtail page the URL points at the same page in the other language, and a language
    is listed only where a live translation exists. Elsewhere (e.g. a search results view)
    the current URL is translated by its language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    versions = []
    if isinstance(page, Page) and page.pk:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        by_language = {p.locale.language_code: p for p in translations}
        for code, name in settings.LANGUAGES:
            if code in by_language:
                url = by_language[code].get_url(request)
                if url:
                    versions.append(_version(request, code, name, url, current))
    else:
        for code in names:
            url = translate_url(request.get_full_path(), code)
            versions.append(_version(request, code, names[code], url, current))
    return versions


def _version(request, code, name, url, current):
    return {
        "code": code,
        "name": name,
        "url": url,
        "absolute_url": request.build_absolute_uri(url),
        "active": code == current,
    }
