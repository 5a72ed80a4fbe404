from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Campaign")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every `migrate` makes sure each configured language has its Wagtail locale (so
        # adding a language is a settings change only) and the SDGs in those languages.
        post_migrate.connect(prepare_reference_data, sender=self)


def prepare_reference_data(**kwargs):
    from .locales import sync_locales
    from .reference_data import ensure_sdgs

    sync_locales(**kwargs)
    ensure_sdgs(using=kwargs.get("using", "default"))
