"""Title, description, canonical URL and sharing cards for the page head."""

from django import template
from django.conf import settings
from django.utils import translation

from campaign_site.cache import cached

from ..models import CampaignPage, SiteSettings, SiteTexts
from .navigation_tags import language_versions

register = template.Library()

# Until staff create the site texts (Campaign → Site texts).
DEFAULT_SITE_NAME = "Partnerschaften2030"

# Open Graph wants a territory with the language.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU"}


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Everything the head needs to describe the current page to search engines and sharers.

    Cached per page and language until content changes (see `campaign_site.cache`).
    """
    request = context["request"]
    page = context.get("page")
    language = translation.get_language() or ""
    texts = SiteTexts.for_request(request)
    site_name = texts.site_name if texts else DEFAULT_SITE_NAME
    meta = {
        "canonical": request.build_absolute_uri(request.path),
        "description": texts.default_description if texts else "",
        "site_name": site_name,
        "title": site_name,
        "image": None,
        "image_alt": "",
        "og_locale": og_locale(language),
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
    meta.update(_other_languages(context))
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
