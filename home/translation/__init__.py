"""Machine translation for translators: the campaign glossary (`glossary`, with one TSV file
per language pair in `glossaries/`) and the offline translator (`machine`).

With `DEEPL_API_KEY` set, wagtail-localize's own DeepL translator is used, with the glossary
uploaded by `manage.py upload_deepl_glossaries` (see settings and the README).
"""
