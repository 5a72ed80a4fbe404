"""Wagtail's accessibility checker with the rules that matter on this site."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.userbar import ContentCheckerItem

# Wagtail's checker (in the userbar on the site and in the editor's "Checks" panel) with a few
# more rules that matter here: alternative text of images, the page's language (the site is
# multilingual) and colour contrast (the SDG colours are light; text on them must stay
# readable).


class CampaignContentCheckerItem(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "html-has-lang",
        "valid-lang",
        "color-contrast",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _("Describe the image, or mark it as decorative"),
        },
        "html-has-lang": {
            "error_name": _("Page language is missing"),
            "help_text": _("Screen readers need the language to pronounce the text"),
        },
        "valid-lang": {
            "error_name": _("Unknown language code"),
            "help_text": _("Use a language code such as de, en or fr"),
        },
        "color-contrast": {
            "error_name": _("Text contrast is too low"),
            "help_text": _("Use darker text or a lighter background"),
        },
    }
