"""The offline machine translator, for development, demos and tests without DeepL.

wagtail-localize ships a stand-in that reverses the word order, which leaves every string to
be retyped. This one hands the translator the source text with the campaign glossary's terms
already in the target language; wagtail-localize's editor shows each string as translated
with "copy of the source (to review)", so nobody mistakes it for a translation.
"""

from django.utils.translation import gettext_lazy as _

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .glossary import apply_glossary, base_language, glossary

__all__ = ["CopySourceTranslator"]


class CopySourceTranslator(BaseMachineTranslator):
    """Copies each source string, with the glossary's terms translated, for review."""

    display_name = _("copy of the source (to review)")

    def translate(self, source_locale, target_locale, strings):
        entries = glossary(source_locale.language_code, target_locale.language_code)
        return {string: StringValue(apply_glossary(string.data, entries)) for string in strings}

    def can_translate(self, source_locale, target_locale):
        source, target = source_locale.language_code, target_locale.language_code
        return base_language(source) != base_language(target)
