"""A page's published ancestors and its live translations, read together once per request.

The breadcrumb trail needs the ancestors; the language switcher, the hreflang links and the
head need the translations. Each is cached on its own until content changes; when either is
built, both come from one query.
"""

from django.db.models import Q

from wagtail.models import Page

from .models.seo import in_private_section


def ancestors_and_translations(page, request):
    """(The page's live ancestors below Wagtail's root, top down; the page's live versions in
    every language that anyone may open, the page itself included even when private.)

    As `page.get_ancestors().filter(depth__gte=2).live()` and
    `page.get_translations(inclusive=True).live()` give them (as plain pages, with their
    locales), read in one query and kept on the request.
    """
    memo = request.__dict__.setdefault("_page_family", {})
    if page.pk not in memo:
        memo[page.pk] = _read(page)
    return memo[page.pk]


def _read(page):
    steplen = page.steplen
    # Depth 2 (a language's overview) down to the parent.
    above = [page.path[:end] for end in range(2 * steplen, len(page.path), steplen)]
    # A private version's address is not for every visitor (the page cache keeps what is
    # built from this for all of them).
    versions = Q(translation_key=page.translation_key) & (Q(pk=page.pk) | ~in_private_section())
    family = (
        Page.objects.live()
        .filter(Q(path__in=above) | versions)
        .select_related("locale")
        .order_by("path")
    )
    ancestors, translations = [], []
    for relative in family:
        if relative.translation_key == page.translation_key:
            translations.append(relative)
        else:
            ancestors.append(relative)
    return ancestors, translations
