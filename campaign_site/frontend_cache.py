"""A published or unpublished page changes the pages that list it (its index, the overview
of its language): the frontend cache forgets those too. Wagtail purges the page itself."""

from django.conf import settings


def purge_listing_pages(sender, instance, **kwargs):
    """Purge the ancestors of a page just published or unpublished (its listings)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    # Every ancestor below the tree root: the parent index and the language's overview.
    ancestors = instance.get_ancestors().filter(depth__gte=2).specific()
    purge_pages_from_cache(list(ancestors))
