"""Insert many published pages at once, skipping what only editors need.

Wagtail's `add_child` and `save_revision().publish()` cost a few dozen queries per page,
and wagtail-localize's translation path about 0.2 s more per page and language on a small
machine (the demo's 70 pages and snippets take half a minute): tens of minutes for a site
of several thousand pages. Here the
base `Page` rows are inserted with one `bulk_create` per batch (their tree paths computed
the way treebeard computes them), the page type's own row with one insert each, and the
parent's child count updated once. The pages are live and have no revision yet: the first
edit in the admin creates one, as for imported pages.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

BATCH_SIZE = 500
BASE_FIELDS = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]


def insert_pages(parent, pages):
    """Add unsaved page instances (all of one type) as published children of `parent`.

    The caller sets title, slug, translation key and the type's own fields; this sets tree
    position, URL path, locale and publication state, saves, and returns the pages.
    """
    if not pages:
        return pages
    last_child = parent.get_last_child()
    first_position = (last_child._get_lastpos_in_path() if last_child else 0) + 1
    depth = parent.depth + 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, depth, first_position + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.first_published_at
    bases = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in BASE_FIELDS}) for page in pages],
        batch_size=BATCH_SIZE,
    )
    for page, base in zip(pages, bases, strict=True):
        page.id = page.pk = base.pk
        # raw: only the page type's own table (the base row exists); no search or
        # reference-index signals per page (the search index is filled in bulk below).
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def add_relations(pages, name, targets_of):
    """Fill a many-to-many tag field of each page in bulk: `targets_of(page)` gives the pks."""
    field = type(pages[0])._meta.get_field(name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [
            through(**{source: page.pk, target: target_pk})
            for page in pages
            for target_pk in dict.fromkeys(targets_of(page))
        ],
        batch_size=BATCH_SIZE,
    )


def index_for_search(model, objects):
    """Add objects to the search index in batches (what `update_index` would do for them)."""
    backend = get_search_backend()
    for start in range(0, len(objects), BATCH_SIZE):
        backend.add_bulk(model, objects[start : start + BATCH_SIZE])
