import requests

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.translation.glossary import GlossaryError, upload_to_deepl


class Command(BaseCommand):
    help = (
        "Upload the campaign glossaries (home/translation/glossaries/) to DeepL and print the "
        "DEEPL_GLOSSARY_IDS line to put in the environment. Needs DEEPL_API_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name",
            default="campaign_site",
            help="Name of the glossaries in the DeepL account (the language pair is appended).",
        )

    def handle(self, *args, name, **options):
        if not settings.DEEPL_API_KEY:
            raise CommandError("DEEPL_API_KEY is not set: there is no DeepL account to upload to.")
        try:
            ids = upload_to_deepl(settings.DEEPL_API_KEY, name)
        except GlossaryError as error:
            raise CommandError(f"The glossary is not valid: {error}") from error
        except requests.RequestException as error:
            raise CommandError(f"DeepL did not take the glossaries: {error}") from error
        for (source, target), glossary_id in ids.items():
            self.stderr.write(f"{source} → {target}: {glossary_id}")
        pairs = ",".join(f"{source}:{target}={id_}" for (source, target), id_ in ids.items())
        self.stdout.write(f"DEEPL_GLOSSARY_IDS={pairs}")
