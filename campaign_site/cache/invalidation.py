"""Which saves and deletions renew the content version: declared by each app, with senders.

Each app says in its `AppConfig.ready()` which of its models change public pages
(`renew_on_change(*models_of(self, exclude=...))`); the platform itself watches Wagtail's
page models, page view restrictions, sites, locales, images and documents. Receivers are
connected per model, as Wagtail's frontend-cache app does: a model nobody declared (a log
entry, a rendition, a session) costs nothing when saved and keeps Django's fast delete.

Code that changes content without signals (`QuerySet.update()`, `bulk_create()`, the large
site generator) must call `versions.bump()` itself, once it has changed the content.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from .versions import IMAGES_VERSION_KEY, bump

# Wagtail fills these in lazily while a page renders; they change no page.
TECHNICAL_FIELDS = {"file_size", "file_hash"}
# What Wagtail saves on a live page (or snippet) when an editor saves or autosaves a draft,
# locks or unlocks it: only editors see these. The public page changes when the draft is
# published, which saves the whole page.
EDITORIAL_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
}


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= TECHNICAL_FIELDS | EDITORIAL_FIELDS:
        return
    bump()


def _on_image_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= TECHNICAL_FIELDS:
        return
    bump(IMAGES_VERSION_KEY)


def renew_on_change(*models):
    """Renew the content version whenever one of `models` is saved or deleted (committed)."""
    for model in models:
        uid = f"campaign_site.cache:{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete")


def models_of(app_config, exclude=()):
    """An app's models except `exclude`: what `renew_on_change` watches unless told otherwise,
    so a model added later is watched (it may be shown on a page) until it is excluded."""
    return [model for model in app_config.get_models() if model not in exclude]


def watch_platform_models():
    """Every Wagtail page model (of any app), what decides who sees which page, media."""
    page_models = get_page_models()
    renew_on_change(
        *page_models,
        PageViewRestriction,
        Site,
        Locale,
        get_image_model(),
        get_document_model(),
    )
    # The HTML of an image (campaign_site/templatetags/image_tags.py) follows the images'
    # own version: renewed when an image is saved or deleted, or a rendition deleted (its
    # file is gone: the HTML must name the one made next).
    image_model = get_image_model()
    uid = "campaign_site.cache:images"
    post_save.connect(_on_image_change, sender=image_model, dispatch_uid=f"{uid}:save")
    post_delete.connect(_on_image_change, sender=image_model, dispatch_uid=f"{uid}:delete")
    post_delete.connect(
        _on_image_change,
        sender=image_model.get_rendition_model(),
        dispatch_uid=f"{uid}:rendition-delete",
    )
    for model in page_models:
        post_page_move.connect(
            _on_change, sender=model, dispatch_uid=f"campaign_site.cache:{model._meta.label}:move"
        )
