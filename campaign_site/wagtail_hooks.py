"""Admin wiring of the platform: two-factor authentication for staff; private documents."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .public_files import refuse_unpublished_document
from .security import two_factor
from .security.documents import remember_private_document


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor.setup, name="two_factor_setup"),
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Protect your account with codes from an authenticator app on your phone."),
    }


hooks.register("before_serve_document", remember_private_document)
hooks.register("before_serve_document", refuse_unpublished_document)
