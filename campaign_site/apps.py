from django.apps import AppConfig


class CampaignSiteConfig(AppConfig):
    """The platform as an installed app: caching, security, health, periodic jobs, tooling.

    It knows no app of the site: pages of every app are Wagtail page models, which it
    watches through Wagtail; each app declares its other models in its own `ready()`.
    """

    name = "campaign_site"

    def ready(self):
        from wagtail.models import get_page_models
        from wagtail.signals import page_published, page_unpublished

        from .cache.invalidation import watch_platform_models
        from .frontend_cache import purge_listing_pages
        from .public_files import index_published_page

        # Cached pages and fragments are renewed whenever a page, a view restriction, a site,
        # a locale, an image or a document changes.
        watch_platform_models()

        # A proxy or CDN in front (settings.WAGTAILFRONTENDCACHE) forgets the pages listing a
        # page published or unpublished.
        for model in get_page_models():
            for name, signal in (("published", page_published), ("unpublished", page_unpublished)):
                signal.connect(
                    purge_listing_pages,
                    sender=model,
                    dispatch_uid=f"campaign_site.purge_listings:{model._meta.label}:{name}",
                )
            # The files a page uses are public with it (campaign_site.public_files).
            page_published.connect(
                index_published_page,
                sender=model,
                dispatch_uid=f"campaign_site.public_files:{model._meta.label}",
            )
