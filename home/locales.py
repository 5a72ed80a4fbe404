"""Keep Wagtail's locales in step with the configured languages."""

from django.conf import settings


def sync_locales(**kwargs):
    """Create a Wagtail `Locale` for every configured content language that lacks one.

    Locales are never deleted here: a language switched off in settings keeps its pages,
    which an editor can still reach and move or delete deliberately.
    """
    from wagtail.models import Locale

    using = kwargs.get("using", "default")
    existing = set(Locale.objects.using(using).values_list("language_code", flat=True))
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code not in existing:
            Locale.objects.using(using).create(language_code=code)
