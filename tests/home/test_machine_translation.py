"""Machine translation: a usable offline stand-in, and DeepL with the campaign glossary."""

import types
from unittest import mock

import pytest
import requests

from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.strings import StringValue

from campaign_site.settings.base import deepl_glossary_ids
from home.translation.glossary import GlossaryError, glossary, glossary_files, read_glossary
from tests.support.commands import run_command, run_manage

GERMAN = types.SimpleNamespace(language_code="de")
ENGLISH = types.SimpleNamespace(language_code="en")
FRENCH = types.SimpleNamespace(language_code="fr")


def translate(text, target=FRENCH):
    """What the configured (offline) machine translator makes of one German string."""
    string = StringValue(text)
    return get_machine_translator().translate(GERMAN, target, [string])[string].data


# --- Offline ------------------------------------------------------------------------------


def test_offline_the_source_is_copied_with_the_glossary_terms_translated():
    assert translate("Multi-Akteurs-Partnerschaften stärken die Agenda 2030.") == (
        "Partenariats multipartites stärken die Agenda 2030."
    )
    assert translate("Eine Multi-Akteurs-Partnerschaft für die Nachhaltigkeitsziele.", ENGLISH) == (
        "Eine multi-stakeholder partnership für die Sustainable Development Goals."
    )
    assert translate("Werkstatt: Multi-Akteurs-Partnerschaften. Nachhaltigkeitsziele!") == (
        "Werkstatt: partenariats multipartites. Objectifs de développement durable!"
    )
    # Word order and the rest of the sentence stay as written, for the translator to rewrite.
    assert translate("Wir laden herzlich ein.") == "Wir laden herzlich ein."


def test_offline_rich_text_keeps_its_markup_and_proper_names():
    text = (
        'Wir stärken <b>Multi-Akteurs-Partnerschaften</b> mit <a id="a1">Partnerschaften2030</a>.'
    )
    assert translate(text) == (
        'Wir stärken <b>partenariats multipartites</b> mit <a id="a1">Partnerschaften2030</a>.'
    )
    # Only whole terms: a compound that merely contains a term is left alone.
    assert (
        translate("Das Multi-Akteurs-Partnerschaftsforum")
        == "Das Multi-Akteurs-Partnerschaftsforum"
    )


def test_offline_translator_says_its_strings_are_a_copy_to_review():
    translator = get_machine_translator()
    assert translator.can_translate(GERMAN, FRENCH)
    assert not translator.can_translate(GERMAN, GERMAN)
    with translation.override("en"):
        assert str(translator.display_name) == "copy of the source (to review)"
    with translation.override("fr"):
        assert str(translator.display_name) == "copie de la source (à relire)"


# --- The glossary -------------------------------------------------------------------------


def test_the_campaign_glossary_covers_english_and_french_alike():
    assert set(glossary_files()) == {("de", "en"), ("de", "fr")}
    english, french = glossary("de", "en"), glossary("de", "fr")
    assert len(english) >= 15
    assert english.keys() == french.keys()
    assert english["Multi-Akteurs-Partnerschaft"] == "multi-stakeholder partnership"
    assert french["Multi-Akteurs-Partnerschaft"] == "partenariat multipartite"
    assert french["Nachhaltigkeitsziele"] == "objectifs de développement durable"
    assert english["Partnerschaften2030"] == french["Partnerschaften2030"] == "Partnerschaften2030"


@pytest.mark.parametrize(
    "line", ["Agenda 2030", "Agenda 2030\t", "Agenda 2030\t2030 Agenda\textra", " Agenda\tx"]
)
def test_a_glossary_line_deepl_would_refuse_is_an_error(tmp_path, line):
    path = tmp_path / "de-en.tsv"
    path.write_text(f"Warteliste\twaiting list\n{line}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="line 2"):
        read_glossary(path)


def test_a_term_listed_twice_is_an_error(tmp_path):
    path = tmp_path / "de-en.tsv"
    path.write_text("Warteliste\twaiting list\nWarteliste\twaitlist\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="listed twice"):
        read_glossary(path)


# --- DeepL --------------------------------------------------------------------------------


def test_deepl_is_configured_with_the_glossary_ids_and_formality_from_the_environment():
    probe = (
        "import types; from django.conf import settings; "
        "from wagtail_localize.machine_translators import get_machine_translator; "
        "from wagtail_localize.strings import StringValue; "
        "t = get_machine_translator(); "
        "p = t.get_parameters(types.SimpleNamespace(language_code='de'), "
        "types.SimpleNamespace(language_code='fr'), [StringValue('Hallo')]); "
        "print(type(t).__name__, p['glossary_id'], p['formality'], p['target_lang'])"
    )
    result = run_manage(
        "shell",
        "-c",
        probe,
        DEEPL_API_KEY="a-key:fx",
        DEEPL_GLOSSARY_IDS="de:en=glossary-en, de:fr=glossary-fr",
        DEEPL_FORMALITY="prefer_less",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["DeepLTranslator", "glossary-fr", "prefer_less", "FR"]


def test_deepl_speaks_formally_unless_told_otherwise():
    probe = (
        "from django.conf import settings; "
        "print(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR['OPTIONS']['FORMALITY'])"
    )
    result = run_manage("shell", "-c", probe, DEEPL_API_KEY="a-key")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "prefer_more"


def test_a_wrong_deepl_setting_is_a_clear_error():
    result = run_manage("check", DEEPL_API_KEY="a-key", DEEPL_FORMALITY="polite")
    assert result.returncode != 0
    assert "DEEPL_FORMALITY must be one of" in result.stderr
    result = run_manage("check", DEEPL_API_KEY="a-key", DEEPL_GLOSSARY_IDS="de-fr")
    assert result.returncode != 0
    assert "DEEPL_GLOSSARY_IDS: 'de-fr' is not like" in result.stderr


def deepl_answer(payload):
    response = mock.Mock(status_code=201)
    response.json.return_value = payload
    response.raise_for_status.return_value = None
    return response


@override_settings(DEEPL_API_KEY="a-key:fx")
def test_the_glossary_is_uploaded_to_deepl_and_its_ids_printed_for_the_environment():
    answers = iter(["0d1e-en", "0d1e-fr"])

    def create(url, json, headers, timeout):
        return deepl_answer({"glossary_id": next(answers), "ready": True})

    with mock.patch("requests.post", side_effect=create) as post:
        output = run_command("upload_deepl_glossaries")

    assert "DEEPL_GLOSSARY_IDS=de:en=0d1e-en,de:fr=0d1e-fr" in output
    requests_made = [call.kwargs for call in post.call_args_list]
    assert [call.args[0] for call in post.call_args_list] == [
        "https://api-free.deepl.com/v2/glossaries"
    ] * 2
    assert requests_made[0]["headers"] == {"Authorization": "DeepL-Auth-Key a-key:fx"}
    french = requests_made[1]["json"]
    assert (french["source_lang"], french["target_lang"], french["entries_format"]) == (
        "de",
        "fr",
        "tsv",
    )
    assert "Multi-Akteurs-Partnerschaft\tpartenariat multipartite" in french["entries"].split("\n")

    # The printed line, once in the environment, gives DeepL the French glossary for French.
    line = output.split("DEEPL_GLOSSARY_IDS=")[1].split()[0]
    translator = DeepLTranslator({"AUTH_KEY": "a-key:fx", "GLOSSARY_IDS": deepl_glossary_ids(line)})
    parameters = translator.get_parameters(GERMAN, FRENCH, [StringValue("Hallo")])
    assert parameters["glossary_id"] == "0d1e-fr"


@override_settings(DEEPL_API_KEY="a-key")
def test_a_refused_upload_is_reported():
    refused = mock.Mock()
    refused.raise_for_status.side_effect = requests.HTTPError("403 Forbidden")
    with (
        mock.patch("requests.post", return_value=refused) as post,
        pytest.raises(CommandError, match="DeepL did not take the glossaries: 403"),
    ):
        run_command("upload_deepl_glossaries")
    assert post.call_args.args[0] == "https://api.deepl.com/v2/glossaries"


@override_settings(DEEPL_API_KEY="")
def test_uploading_needs_a_deepl_key():
    with (
        mock.patch("requests.post") as post,
        pytest.raises(CommandError, match="DEEPL_API_KEY is not set"),
    ):
        run_command("upload_deepl_glossaries")
    post.assert_not_called()
