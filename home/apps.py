from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Campaign")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .locales import sync_locales

        # Every `migrate` makes sure each configured language has its Wagtail locale, so
        # adding a language is a settings change only.
        post_migrate.connect(sync_locales, sender=self)
