"""Words of Wagtail and wagtail-localize that their code leaves in English whatever the
admin's language, put right until upstream does (`apply()` runs once at start-up). Strings
they do mark for translation are corrected in the project's catalogue instead
(campaign_site/locale), which comes before theirs.

- wagtail-localize 1.14 writes the date of each translated string ("Translated with DeepL
  on 1 December 2026") with `strftime("%-d %B %Y")`, which names the month in English ("le
  1 December 2026"). Here `StringTranslation.get_comment` formats it as Django does for the
  active language ("1. Dezember 2026", "1 décembre 2026"), in the site's time zone; the
  messages stay wagtail-localize's own. Upstream fix: `django.utils.formats.date_format` in
  `get_comment` (and for the translation editor's "lastPublishedDate", left alone here).
- Wagtail 7.4's choosers (e.g. the person chooser) filter by language with a field that has
  no label, so Django names it "Locale" from the field's name, in English. Here it gets
  Wagtail's own translated label. Upstream fix: `label=_("Locale")` in
  `wagtail.admin.forms.choosers.LocaleFilterMixin`.
- wagtail-localize 1.14 cleans the slug of every translated page with Django's `slugify`,
  which drops what it cannot fold to ASCII ("cœur" → "cur", "Straße" → "strae"). Here it
  transliterates first, as the admin's slug field and `home.slugs` do ("coeur",
  "strasse"). Upstream fix: a setting naming the slugify function used by
  `TranslationSource.create_or_update_translation`.
"""

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..slugs import transliterate


def apply():
    from wagtail.admin.forms.choosers import LocaleFilterMixin
    from wagtail_localize import models as localize_models
    from wagtail_localize.models import StringTranslation

    StringTranslation.get_comment = localised_comment
    localize_models.slugify = transliterating_slugify
    if not getattr(LocaleFilterMixin.__init__, "labels_the_locale", False):
        LocaleFilterMixin.__init__ = labelled_locale_filter(LocaleFilterMixin.__init__)


def transliterating_slugify(value, allow_unicode=False):
    """Django's `slugify` after the project's transliteration (ä → ae, ß → ss, œ → oe)."""
    return slugify(transliterate(str(value)), allow_unicode=allow_unicode)


def localised_comment(string_translation):
    """What wagtail-localize's `get_comment` says, with the date in the active language."""
    date = formats.date_format(timezone.localtime(string_translation.updated_at), "DATE_FORMAT")
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == string_translation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == string_translation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def labelled_locale_filter(init):
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = gettext_lazy("Locale")

    __init__.labels_the_locale = True
    return __init__
