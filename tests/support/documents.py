"""Documents for tests, and files in every state of use a page can give them."""

from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from insights.models import InsightPageDocument

from .factories import make_image, make_insight


def make_document(title, content=None):
    """A PDF document (a few bytes) named after `title`."""
    document = get_document_model()(title=title)
    body = content or b"%PDF-1.4\n" + title.encode()
    document.file.save(f"{slugify(title)}.pdf", ContentFile(body), save=False)
    document.save()
    return document


def attach(insight, document):
    insight.documents = [InsightPageDocument(document=document, language="de")]


def files_in_every_state():
    """Documents and images used by a live public page, and by pages nobody may see yet.

    `public` holds the only ones the public may see; every other attribute names a file
    that must stay hidden: used by a page never published, only in the unpublished draft of
    a live page (a study under embargo until its launch), by a private page, by a page
    that was unpublished again, or by nothing at all.
    """
    files = SimpleNamespace(
        public=make_document("Öffentliche Studie"),
        public_image=make_image("Öffentliches Bild"),
        never_published=make_document("Entwurf einer Studie"),
        never_published_image=make_image("Bild eines Entwurfs"),
        embargoed=make_document("Studie unter Sperrfrist"),
        private=make_document("Vertrauliche Studie"),
        unpublished=make_document("Zurückgezogene Studie"),
        unused=make_document("Hochgeladen, nirgends verwendet"),
    )

    live = make_insight("Die öffentliche Studie", hero_image=files.public_image)
    attach(live, files.public)
    live.save_revision().publish()

    draft = make_insight("Die kommende Studie", live=False, hero_image=files.never_published_image)
    attach(draft, files.never_published)
    draft.save_revision()

    launch = make_insight("Die Studie erscheint bald")
    attach(launch, files.embargoed)
    launch.save_revision()  # a draft: published at the launch, not before

    private = make_insight("Nur für den Vorstand")
    attach(private, files.private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="vorstand"
    )

    withdrawn = make_insight("Zurückgezogen")
    attach(withdrawn, files.unpublished)
    withdrawn.save_revision().publish()
    withdrawn.unpublish()

    files.hidden = [
        files.never_published,
        files.embargoed,
        files.private,
        files.unpublished,
        files.unused,
    ]
    return files
