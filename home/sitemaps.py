"""The sitemap: every live, public page of the site in every language.

Wagtail's own sitemap lists the descendants of the site's root page, which is the German
overview; the other languages have their own overview pages beside it, so their trees are
added here. Each page names its translations (`CampaignPage.get_sitemap_urls`).
"""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .models.seo import all_pages


class CampaignSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        in_any_language = Q()
        for language_root in root.get_translations(inclusive=True):
            in_any_language |= Page.objects.descendant_of_q(language_root, inclusive=True)
        return (
            all_pages()
            .filter(in_any_language)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
