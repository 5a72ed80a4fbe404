"""Which saves and deletions renew the content version: declared by each app, with senders.

Each app says in its `AppConfig.ready()` which of its models change public pages
(`renew_on_change(*models_of(self, exclude=...))`); the platform itself watches Wagtail's
page models, page view restrictions, sites, locales, images and documents. Receivers are
connected per model, as Wagtail's frontend-cache app does: a model nobody declared (a log
entry, a rendition, a session) costs nothing when saved and keeps Django's fast delete.

A page published with a change to its body alone (`own_page_fields`: the same title,
teaser, dates, tags, authors, links and everything else other pages show of it) renews only
what shows that body: the content version and the page's own version, not the shared version
every other kept page follows (`versions.bump_own_page`). Whether that is so is decided while
the page is saved, against the row it replaces and the revision that was live before; when
in doubt (a first publication, an alias, a save outside publishing) everything is renewed.

Code that changes content without signals (`QuerySet.update()`, `bulk_create()`, the large
site generator) must call `versions.bump()` itself, once it has changed the content.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Revision, Site, get_page_models
from wagtail.signals import page_published, post_page_move

from .versions import IMAGES_VERSION_KEY, bump, bump_own_page

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


# What publishing changes on every page whatever was edited; no other page shows it
# (`first_published_at` is set once, by the first publication, which renews everything).
PUBLISHING_FIELDS = {"live_revision", "last_published_at", "first_published_at"}


def _on_change(sender, instance=None, **kwargs):
    if kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= TECHNICAL_FIELDS | EDITORIAL_FIELDS:
        return
    page = _published_with_its_page(instance)
    if page is not None and kwargs.get("created") is False:
        # An author or tag link written again as it was, while its page is published with
        # a change to its own content alone: that page's own version once more (a visitor
        # may have seen the page between its row and this one).
        bump_own_page(page)
        return
    # Anything else, a child row made or removed included: between the removal and the
    # new row, any page showing it (an event listing the insights that name it) may have
    # been rendered without it.
    bump()


def _before_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # The public page as it was: its row before it is replaced, read now; judged once the
    # row is written (`_on_page_saved`), after every receiver that changes the page before
    # it is saved (a translation taking its source's dates) has done so.
    instance._changes_its_own_page_only = False
    instance._row_before = None
    if raw or (update_fields and set(update_fields) <= TECHNICAL_FIELDS | EDITORIAL_FIELDS):
        return
    fields = _compared_fields(sender, instance)
    if fields and instance.pk is not None:
        instance._row_before = (
            sender._base_manager.filter(pk=instance.pk)
            .values("live", "live_revision_id", *(field.attname for field in fields))
            .first()
        )


def _on_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= TECHNICAL_FIELDS | EDITORIAL_FIELDS):
        return
    before = getattr(instance, "_row_before", None)
    instance._changes_its_own_page_only = before is not None and _changes_its_own_page_only(
        sender, instance, before
    )
    if instance._changes_its_own_page_only:
        bump_own_page(instance)
    else:
        bump()


def _after_page_published(sender, instance, **kwargs):
    # Its authors and tag links are written: later writes of them are judged on their own.
    instance._changes_its_own_page_only = False


def _compared_fields(model, page):
    """The fields of `page` other pages may show: all but its own, publishing and editorial
    ones. Empty when the page type has no own fields or the page is an alias."""
    own = set(getattr(page, "own_page_fields", ())) & {f.name for f in model._meta.fields}
    if not own or page.alias_of_id is not None:
        return []
    ignored = own | PUBLISHING_FIELDS | EDITORIAL_FIELDS | TECHNICAL_FIELDS
    return [field for field in model._meta.concrete_fields if field.name not in ignored]


def _changes_its_own_page_only(model, page, before):
    """Whether publishing `page` (its row `before` it was saved) changed nothing but its
    `own_page_fields`."""
    if not page.live or not before["live"] or before["live_revision_id"] is None:
        return False  # a first publication, or a page taken back: lists change
    if page.live_revision_id in (None, before["live_revision_id"]):
        return False  # not a publication: saved some other way, judged as a whole
    for field in _compared_fields(model, page):
        now = field.get_prep_value(field.value_from_object(page))
        if field.get_prep_value(before[field.attname]) != now:
            return False
    # Authors, tags, linked events and the like are saved after the row: the revision that
    # was live and the one published now say what they were and will be.
    contents = dict(
        Revision.objects.filter(
            pk__in=[before["live_revision_id"], page.live_revision_id]
        ).values_list("pk", "content")
    )
    if len(contents) != 2:
        return False
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    relations += [field.name for field in get_all_child_m2m_relations(model)]
    relations = [name for name in relations if name not in EDITORIAL_FIELDS]
    old, new = contents[before["live_revision_id"]], contents[page.live_revision_id]
    return all(_without_ids(old.get(name)) == _without_ids(new.get(name)) for name in relations)


def _without_ids(value):
    # A child's row id says nothing a visitor sees, and a revision made before the child
    # was first saved has none.
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "pk"}
    return value


def _published_with_its_page(instance):
    """The page `instance` (an author, a tag link) is written with, when that page is being
    published with a change to its own content alone; else None."""
    for field in type(instance)._meta.concrete_fields:
        if isinstance(field, ParentalKey) and field.is_cached(instance):
            parent = field.get_cached_value(instance)
            if getattr(parent, "_changes_its_own_page_only", False):
                return parent
    return None


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
        if issubclass(model, Page):
            pre_save.connect(_before_page_saved, sender=model, dispatch_uid=f"{uid}:before")
            post_save.connect(_on_page_saved, sender=model, dispatch_uid=f"{uid}:save")
            page_published.connect(
                _after_page_published, sender=model, dispatch_uid=f"{uid}:published"
            )
        else:
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
