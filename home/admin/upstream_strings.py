"""Wagtail's and wagtail-localize's own words that the project's catalogue translates (it
comes first in LOCALE_PATHS; see `upstream_fixes` for the reasons). Listed here so that
`makemessages` keeps them in the catalogue: they appear in no template of the project."""

from django.utils.translation import gettext_noop

UPSTREAM_STRINGS = [
    gettext_noop("Actions (footer)"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_noop(
        "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    ),
    gettext_noop("Locale: "),
    gettext_noop("locale"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Switch locales"),
]
