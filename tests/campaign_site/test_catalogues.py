"""Every interface string is translated: a catalogue with gaps fails the build."""

from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "campaign_site" / "locale"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], f"untranslated in {language}: {missing[:10]}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy[:10]}"
    assert len(catalogue.translated_entries()) > 300


@pytest.mark.parametrize("language", ["de", "fr", "en"])
def test_catalogue_is_compiled_by_the_setup(language):
    compiled = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    source = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert compiled.exists(), "run `make messages` (the test command does)"
    assert compiled.stat().st_mtime >= source.stat().st_mtime - 1
