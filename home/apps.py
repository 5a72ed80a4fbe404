from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Campaign")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every `migrate` makes sure each configured language has its Wagtail locale (so
        # adding a language is a settings change only) and the SDGs in those languages.
        post_migrate.connect(prepare_reference_data, sender=self)

        from .caching import connect_invalidation
        from .roles import on_page_saved

        # Cached pages and fragments are renewed whenever public content changes.
        connect_invalidation()

        # Translated site roots (created when the overview is first translated) get their
        # translators.
        post_save.connect(on_page_saved, dispatch_uid="home.roles.on_page_saved")

        from wagtail.signals import page_published, page_unpublished

        from .frontend_cache import purge_listing_pages

        for signal in (page_published, page_unpublished):
            signal.connect(purge_listing_pages, dispatch_uid=f"home.purge_listings.{id(signal)}")


def prepare_reference_data(**kwargs):
    from .caching import bump
    from .locales import sync_locales
    from .reference_data import ensure_sdgs
    from .roles import grant_translators_on_existing_roots

    sync_locales(**kwargs)
    ensure_sdgs(using=kwargs.get("using", "default"))
    grant_translators_on_existing_roots()
    # A release runs `migrate`: what the cache holds was built by the code before it.
    bump()
