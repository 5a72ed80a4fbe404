"""Which uploaded files the public may see: those the live, public pages use.

Editors upload a file and use it in a draft well before anyone else may see it (a study under
embargo until its launch). Wagtail itself lists every image and document in its API and
serves any document to anyone who has its address. Here a document or image is public while
a live page anyone may view uses it, and no longer once none does. Uses come from Wagtail's
reference index, built from each page's published content (a draft's changes stay in its
revision until they are published) and renewed for a page the moment it is published.
People who may use the admin still download any document, to check a draft; a private
collection's own restriction applies either way.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField
from django.db.models.functions import Cast
from django.http import Http404

from wagtail.models import Page, ReferenceIndex

__all__ = ["index_published_page", "refuse_unpublished_document", "used_by_public_pages"]


def used_by_public_pages(files):
    """The files of the queryset `files` (documents or images) a live, public page uses."""
    pages = Page.objects.live().public().values("pk")
    uses = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        # The index names objects by text, whatever the type of their key.
        object_id__in=pages.annotate(key=Cast("pk", output_field=CharField())).values("key"),
        to_content_type=ContentType.objects.get_for_model(files.model),
    )
    keys = uses.annotate(key=Cast("to_object_id", output_field=BigIntegerField()))
    return files.filter(pk__in=keys.values("key"))


def refuse_unpublished_document(document, request):
    """Wagtail's `before_serve_document` hook: no download of a document no live, public
    page uses, except for people who may use the admin (to check a draft)."""
    if document.collection.get_view_restrictions().exists():
        return None  # the collection's own restriction decides (login, password, groups)
    user = getattr(request, "user", None)
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return None
    if not used_by_public_pages(type(document).objects.filter(pk=document.pk)).exists():
        raise Http404("This document is not published.")
    return None


def index_published_page(sender, instance, **kwargs):
    """`page_published` receiver: the page's uses go into the reference index at once.

    Wagtail renews the index in a background task, which production runs from a queue:
    a study's download would answer 404 from its launch until a worker got round to it.
    """
    ReferenceIndex.create_or_update_for_object(instance)
