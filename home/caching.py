"""Caching that is never stale: one content version for everything the public sees.

Any change to content the public pages show (a page published, unpublished, moved or
deleted, a snippet, a setting, an image, a locale) increases the *content version* once the
change is committed. Cached fragments and cached pages are keyed by or checked against that
version, so the next request after a change renders afresh, in every language and on every
app server that shares the cache (Redis in production). Models that never change a public
page say so with `changes_public_pages = False` (e.g. registrations, which have their own,
per-event version: see `dependency_version`).
"""

import contextlib
import time

from django.apps import apps
from django.core.cache import InvalidCacheBackendError, cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

CONTENT_VERSION_KEY = "content-version"

# Besides every model of these apps (except those that opt out), these change public pages.
CONTENT_APPS = {"home", "events", "insights", "taggit"}
CONTENT_MODELS = (Page, PageViewRestriction, Site, Locale)


def content_version(request=None):
    """The current content version (read once per request when `request` is given)."""
    if request is not None and hasattr(request, "_content_version"):
        return request._content_version
    version = _read_or_start(CONTENT_VERSION_KEY)
    if request is not None:
        request._content_version = version
    return version


def dependency_version(key):
    """The version of one thing a page depends on beyond content (e.g. an event's places)."""
    return _read_or_start(key)


def bump(key=CONTENT_VERSION_KEY):
    """Increase a version now, and again once the current transaction commits.

    The second time matters: a request between now and the commit still reads the old
    content and may cache it under the new version.
    """
    _increase(key)
    transaction.on_commit(lambda: _increase(key))


def cached(key, build, timeout=24 * 60 * 60, request=None, keep_none=True):
    """`build()`'s result, cached until the content version changes.

    A preview (a draft an editor is looking at) is never served from or put in the cache.
    With `keep_none=False` a result of None is not kept (it is built again next time).

    With a shared cache (Redis), each app server also keeps a copy of what it read in its
    own memory (`CACHES["local"]`): a key carries the content version, so what it names
    never changes, and a page needs one round trip to Redis (the version) instead of one per
    fragment.
    """
    if getattr(request, "is_preview", False):
        return build()
    version = content_version(request)
    versioned = f"{key}:v{version}"
    local = _local_copies() if not str(version).startswith("uncached") else None
    value = local.get(versioned, _MISSING) if local is not None else _MISSING
    if value is not _MISSING:
        return value
    try:
        value = cache.get(versioned, _MISSING)
    except Exception:  # a cache outage: slower, still right
        value = _MISSING
    if value is _MISSING:
        value = build()
        if value is None and not keep_none:
            return value
        with contextlib.suppress(Exception):
            cache.set(versioned, value, timeout)
    if local is not None:
        local.set(versioned, value, timeout)
    return value


def _local_copies():
    try:
        return caches["local"]
    except InvalidCacheBackendError:
        return None


_MISSING = object()


def _read_or_start(key):
    try:
        version = cache.get(key)
        if version is None:
            # A new or emptied cache: start from the clock, never from a number some old
            # entry may still carry.
            cache.add(key, time.time_ns())
            version = cache.get(key)
    except Exception:  # a cache outage must slow pages down, not break them
        version = None
    # Without a cache there is nothing to be stale: a fresh value never matches an entry.
    return version if version is not None else f"uncached-{time.time_ns()}"


def _increase(key):
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (yet, or any more)
        cache.add(key, time.time_ns())
    except Exception:
        pass  # nothing can be cached while the cache is down either


def changes_public_pages(model):
    if not getattr(model, "changes_public_pages", True):
        return False
    if issubclass(model, CONTENT_MODELS):
        return True
    if model._meta.app_label in CONTENT_APPS:
        return True
    image_model = apps.get_model("wagtailimages", "Image")
    document_model = apps.get_model("wagtaildocs", "Document")
    return issubclass(model, (image_model, document_model))


# Wagtail fills these in lazily while a page renders; they change no page.
TECHNICAL_FIELDS = {"file_size", "file_hash"}


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= TECHNICAL_FIELDS:
        return
    if changes_public_pages(sender):
        bump()


def connect_invalidation():
    post_save.connect(_on_change, dispatch_uid="home.caching.post_save")
    post_delete.connect(_on_change, dispatch_uid="home.caching.post_delete")
    post_page_move.connect(_on_change, dispatch_uid="home.caching.post_page_move")


# --- Whole pages for anonymous visitors ---------------------------------------------------
# `home.middleware.AnonymousPageCacheMiddleware` keeps a response only when the view said
# it may (`cache_this_page`), so pages with personal content (registration status,
# cancellation) are never kept by accident.


class PageCacheRequest:
    """What the view said about caching its response, collected while it renders."""

    def __init__(self, version):
        self.version = version
        self.cacheable = False
        self.dependencies = {}
        self.until = None


def cache_this_page(request, depends_on=(), until=None):
    """Let the page cache keep this response, until content or `depends_on` change.

    `depends_on` names further versions (see `dependency_version`) the page shows, e.g. an
    event's places left; `until` is a moment the page changes by itself (registration
    opens or closes, an event ends).
    """
    info = getattr(request, "page_cache", None)
    if info is None:
        return
    info.cacheable = True
    for key in depends_on:
        if key not in info.dependencies:
            info.dependencies[key] = dependency_version(key)
    if until is not None:
        moment = until.timestamp()
        info.until = moment if info.until is None else min(info.until, moment)
