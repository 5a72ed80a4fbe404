from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Campaign")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import get_page_models

        from campaign_site.cache import models_of, renew_on_change

        from .admin import upstream_fixes
        from .admin.roles import name_roles_in_the_admin_language, on_page_saved
        from .slugs import use_transliterating_slug_fields

        # Every `migrate` makes sure each configured language has its Wagtail locale (so
        # adding a language is a settings change only) and the SDGs in those languages.
        post_migrate.connect(prepare_reference_data, sender=self)

        # Every model of the kernel is shown on public pages (snippets, settings, menus).
        renew_on_change(*models_of(self))

        # Slugs in ASCII as people spell them: ä → ae, é → e (`home.slugs`).
        use_transliterating_slug_fields()

        # Words Wagtail and wagtail-localize leave in English whatever the admin's language.
        upstream_fixes.apply()
        # Role groups, the workflow and its task named in the admin's language (`home.admin.roles`).
        name_roles_in_the_admin_language()

        # Translated site roots (created when the overview is first translated) get their
        # translators. A page is saved with its own class as the sender.
        for model in get_page_models():
            post_save.connect(
                on_page_saved, sender=model, dispatch_uid=f"home.admin.roles:{model._meta.label}"
            )


def prepare_reference_data(**kwargs):
    from campaign_site.cache import bump

    from .admin.roles import grant_translators_on_existing_roots
    from .locales import sync_locales
    from .reference_data import ensure_sdgs

    sync_locales(**kwargs)
    ensure_sdgs(using=kwargs.get("using", "default"))
    grant_translators_on_existing_roots()
    # A release runs `migrate`: what the cache holds was built by the code before it.
    bump()
