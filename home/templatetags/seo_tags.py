"""Title, description, canonical URL and sharing cards for the page head."""

from django import template
from django.conf import settings
from django.utils import translation

from campaign_site.cache import cached

from ..models import CampaignPage, SiteSettings, SiteTexts
from ..structured_data import DEFAULT_SITE_NAME, breadcrumb_json_ld, json_ld_script, site_name
from .navigation_tags import language_versions

register = template.Library()

# Still importable from here (the feeds name the site as the head does).
__all__ = ["DEFAULT_SITE_NAME", "breadcrumb_structured_data", "og_locale", "page_meta"]

# Open Graph wants a territory with the language.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU"}


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Everything the head needs to describe the current page to search engines and sharers.

    Cached per page and language until content changes (see `campaign_site.cache`). A view
    that says `noindex` in its context is kept out of search engines and names no canonical
    address: a personal page (not the event page's address, which is another view, nor its
    own, which holds the person's token), search results.
    """
    request = context["request"]
    page = context.get("page")
    language = translation.get_language() or ""
    texts = SiteTexts.for_request(request)
    meta = {
        "canonical": request.build_absolute_uri(request.path),
        "description": texts.default_description if texts else "",
        "site_name": site_name(request),
        "title": site_name(request),
        "image": None,
        "image_alt": "",
        "og_locale": og_locale(language),
        "robots": "",
        "twitter_handle": "",
        "type": "website",
    }
    host = request.get_host()
    meta["twitter_handle"] = cached(
        f"twitter-handle:{host}",
        lambda: SiteSettings.for_request(request).social_media_handle,
        request=request,
    )
    if isinstance(page, CampaignPage) and page.pk:
        key = f"page-meta:{host}:{language}:{page.pk}"
        meta.update(cached(key, lambda: _describe_page(page, request, meta), request=request))
    # A page kept out of search engines names no address in its head: a personal page's
    # carries its visitor's token.
    meta["alternates"] = not context.get("noindex")
    if meta["alternates"]:
        meta.update(_other_languages(context))
    else:
        meta.update(robots="noindex", canonical="")
    return meta


def og_locale(language):
    """Open Graph's name of a language: with a territory, e.g. "en_GB"."""
    return OG_LOCALES.get(language, language)


def _other_languages(context):
    """The page's other languages as Open Graph locales, and its x-default address: the
    version in the source language, named as in the sitemap (only when there are others)."""
    versions = language_versions(context)
    others = [version for version in versions if not version["active"]]
    x_default = ""
    if others:
        for version in versions:
            if version["code"] == settings.LANGUAGE_CODE:
                x_default = version["absolute_url"]
    return {
        "og_locale_alternates": [og_locale(version["code"]) for version in others],
        "x_default": x_default,
    }


def _describe_page(page, request, defaults):
    """The page's own part of the head, with the sharing image's rendition resolved."""
    meta = {
        "title": page.seo_title or page.title,
        "description": page.get_meta_description() or defaults["description"],
        "canonical": page.get_full_url(request) or defaults["canonical"],
        "type": getattr(page, "og_type", "website"),
    }
    image = page.get_social_image(request)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        meta["image"] = {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
        meta["image_alt"] = page.get_social_image_alt(image, request)
    return meta


@register.simple_tag(takes_context=True)
def breadcrumb_structured_data(context):
    """The page's breadcrumb trail as a JSON-LD script (nothing on the overview or on views
    that are not pages). Cached per page until content changes."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, CampaignPage) or not page.pk:
        return ""

    def build():
        data = breadcrumb_json_ld(page, request)
        return json_ld_script(data) if data else ""

    return cached(f"breadcrumbs:{request.get_host()}:{page.pk}", build, request=request)
