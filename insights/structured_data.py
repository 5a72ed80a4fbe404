"""schema.org data of an insight for search engines, as JSON-LD: an article."""

from django.utils import timezone

from home.structured_data import image_urls

from .choices import InsightType

# The study is a scholarly article, campaign news a news article; the rest plain articles.
ARTICLE_TYPES = {
    InsightType.NEWS: "NewsArticle",
    InsightType.PUBLICATION: "ScholarlyArticle",
}


def article_json_ld(insight, request, authors, partners, site_name):
    """The insight as a schema.org `Article` (or `NewsArticle`, `ScholarlyArticle`) dict.

    `authors` and `partners` are the people and partners in the insight's language; the
    partners are named as authors when no person is, and the campaign (`site_name`, its
    overview in the insight's language) when neither is.
    """
    url = insight.get_full_url(request)
    modified = insight.last_published_at or insight.latest_revision_created_at or timezone.now()
    data = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES.get(insight.insight_type, "Article"),
        "headline": insight.title,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": insight.locale.language_code,
        "dateModified": modified.isoformat(),
    }
    if insight.publication_date:
        data["datePublished"] = insight.publication_date.isoformat()
    if insight.teaser:
        data["description"] = insight.teaser
    if images := image_urls(insight.get_social_image(request), request):
        data["image"] = images
    if authors:
        data["author"] = [{"@type": "Person", "name": person.name} for person in authors]
    elif partners:
        data["author"] = [
            {
                "@type": "Organization",
                "name": partner.name,
                **({"url": partner.website} if partner.website else {}),
            }
            for partner in partners
        ]
    else:
        overview = insight.get_ancestors().filter(depth=2).first()
        campaign = {"@type": "Organization", "name": site_name}
        if overview is not None and (overview_url := overview.get_full_url(request)):
            campaign["url"] = overview_url
        data["author"] = [campaign]
    return data
