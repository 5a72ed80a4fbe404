"""schema.org data for search engines, as JSON-LD: what every page type shares (the script
element, images in the shapes search engines ask for, the breadcrumb trail)."""

import json

from django.utils.safestring import mark_safe

from .models import SiteTexts
from .page_family import ancestors_and_translations

# Until staff create the site texts (Campaign → Site texts).
DEFAULT_SITE_NAME = "Partnerschaften2030"
# Google asks for images in 16:9, 4:3 and 1:1, each at least 50,000 pixels.
IMAGE_SHAPES = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")


def site_name(request):
    """The site's name in the active language, as the head names it."""
    texts = SiteTexts.for_request(request)
    return texts.site_name if texts else DEFAULT_SITE_NAME


def json_ld_script(data):
    """A <script type="application/ld+json"> element; "<", ">" and "&" escaped for HTML."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def image_urls(image, request):
    """Full addresses of `image` cropped to each shape search engines ask for."""
    if image is None:
        return []
    # All shapes in one query (in the order asked for).
    renditions = image.get_renditions(*(f"{shape}|format-jpeg" for shape in IMAGE_SHAPES))
    return [request.build_absolute_uri(rendition.url) for rendition in renditions.values()]


def breadcrumb_json_ld(page, request):
    """The trail from the page's overview (its language's root page) down to the page, as a
    schema.org `BreadcrumbList` with canonical addresses; None for the overview itself."""
    # Depth 1 is Wagtail's invisible root; each language's overview is at depth 2. A section
    # that is not published stays out: its title and address are not for the public.
    above = ancestors_and_translations(page, request)[0] if page.depth > 2 else []
    ancestors = [*above, page]
    trail = [(ancestor.title, ancestor.get_full_url(request)) for ancestor in ancestors]
    trail = [(title, url) for title, url in trail if url]
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": title, "item": url}
            for position, (title, url) in enumerate(trail, start=1)
        ],
    }
