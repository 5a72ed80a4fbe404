"""The campaign glossary: how the campaign's terms read in each language.

One tab-separated file per language pair in `glossaries/` (`de-fr.tsv`: German term, tab,
French term, one entry a line), in the format DeepL takes as it is. DeepL applies it when
`DEEPL_GLOSSARY_IDS` names the uploaded copies (`manage.py upload_deepl_glossaries`); the
offline translator puts the target terms into the source text it copies.
"""

import re
from functools import cache
from pathlib import Path

GLOSSARY_DIR = Path(__file__).parent / "glossaries"

__all__ = [
    "GLOSSARY_DIR",
    "GlossaryError",
    "apply_glossary",
    "base_language",
    "glossary",
    "glossary_files",
    "read_glossary",
    "upload_to_deepl",
]


class GlossaryError(ValueError):
    """A glossary file DeepL would refuse: not two columns, an empty or repeated term."""


def glossary_files():
    """{(source language, target language): path} of every glossary file, e.g. ("de", "fr")."""
    files = {}
    for path in sorted(GLOSSARY_DIR.glob("*.tsv")):
        source, _dash, target = path.stem.partition("-")
        files[(source, target)] = path
    return files


def read_glossary(path):
    """The entries of one glossary file as a {source term: target term} dict, in file order."""
    entries = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) != 2 or not all(column.strip() == column != "" for column in columns):
            raise GlossaryError(f"{path.name}, line {number}: expected 'term<TAB>translation'.")
        if columns[0] in entries:
            raise GlossaryError(f"{path.name}, line {number}: {columns[0]!r} is listed twice.")
        entries[columns[0]] = columns[1]
    return entries


@cache
def glossary(source_language, target_language):
    """{source term: target term} for a pair of language codes; empty when there is none."""
    path = glossary_files().get((base_language(source_language), base_language(target_language)))
    return read_glossary(path) if path else {}


def base_language(code):
    """The language of a language code without its region: "en-gb" → "en"."""
    return code.split("-")[0].lower()


_TAG = re.compile(r"(<[^>]*>)")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")


def apply_glossary(text, entries):
    """`text` (plain or the HTML of a rich-text segment) with the glossary's terms replaced.

    Whole terms only, longest first ("Multi-Akteurs-Partnerschaften" before its singular),
    outside HTML tags; a lower-case target term starting a sentence gets a capital.
    """
    if not entries:
        return text
    terms = sorted(entries, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, terms)) + r")(?![\w-])")
    result, text_so_far = [], ""
    for part in _TAG.split(text):
        if _TAG.fullmatch(part):
            result.append(part)
            continue

        def target(match, before=text_so_far, part=part):
            term = entries[match.group(1)]
            if _SENTENCE_START.search(before + part[: match.start()]):
                term = term[:1].upper() + term[1:]
            return term

        result.append(pattern.sub(target, part))
        text_so_far += part
    return "".join(result)


def upload_to_deepl(auth_key, name, timeout=30):
    """Create a DeepL glossary from each glossary file; {(source, target): glossary id}.

    DeepL glossaries cannot be changed: after editing a file, upload again and replace the
    ids in the environment (old glossaries stay in the DeepL account until deleted there).
    Raises `GlossaryError` on a file DeepL would refuse, `requests.RequestException` when
    DeepL cannot be reached or refuses the glossary.
    """
    import requests

    host = "api-free.deepl.com" if auth_key.endswith(":fx") else "api.deepl.com"
    ids = {}
    for (source, target), path in glossary_files().items():
        entries = "\n".join(f"{term}\t{text}" for term, text in read_glossary(path).items())
        response = requests.post(
            f"https://{host}/v2/glossaries",
            json={
                "name": f"{name} {source}-{target}",
                "source_lang": source,
                "target_lang": target,
                "entries": entries,
                "entries_format": "tsv",
            },
            headers={"Authorization": f"DeepL-Auth-Key {auth_key}"},
            timeout=timeout,
        )
        response.raise_for_status()
        ids[(source, target)] = response.json()["glossary_id"]
    return ids
