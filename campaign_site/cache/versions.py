"""The content version and fragments cached under it: caching that is never stale.

Any change to content the public pages show (a page published, unpublished, moved or
deleted, a snippet, a setting, an image, a locale) increases the *content version* once the
change is committed. Cached fragments and cached pages are keyed by or checked against that
version, so the next request after a change renders afresh, in every language and on every
app server that shares the cache (Redis in production). Which models change public pages is
declared by each app (`campaign_site.cache.invalidation`); what changes one page only has a
version of its own (registrations and an event's places: see `dependency_version`).

While Redis is unreachable (campaign_site/cache/breaker.py) no version can be read or
increased. Each process then keeps fragments in its own memory under an *outage version*
that changes every OUTAGE_SECONDS and with every change made in that process: a change
shows at once in the process that made it and within OUTAGE_SECONDS in every other. When
Redis answers again, each process that saw the outage increases the content version once,
so nothing cached in Redis before or during the outage is served after a change made
meanwhile.
"""

import contextlib
import os
import time
from contextvars import ContextVar

from django.core.cache import InvalidCacheBackendError, cache, caches
from django.db import transaction

from .breaker import on_recovery, redis_unreachable

CONTENT_VERSION_KEY = "content-version"
# Renewed by every change except a published change to one page's body (see above).
SHARED_VERSION_KEY = "shared-version"
# Renewed when an image (or a rendition, deleted) changes; what shows only an image follows
# it instead of the content version (`cached(follows=...)`).
IMAGES_VERSION_KEY = "images-version"
# How long a process serves what it rendered itself while Redis is away.
OUTAGE_SECONDS = 10
_changes_during_outage = [0]
# What this request has read or built through `cached()`, and the content version it read
# (`RequestScopeMiddleware`): a fragment asked for twice in one request is built once even
# when the cache cannot keep it (an outage, or every cache off), as a working cache would
# have answered the second time.
_this_request = ContextVar("fragments read by this request", default=None)


def content_version(request=None):
    """The current content version (read once per request when `request` is given)."""
    if request is not None and hasattr(request, "_content_version"):
        return request._content_version
    version = _version_in_scope(CONTENT_VERSION_KEY)
    if request is not None:
        request._content_version = version
    return version


def dependency_version(key):
    """The version of one thing a page depends on beyond content (e.g. an event's places)."""
    return _read_or_start(key)


def _version_in_scope(key):
    # A version read once per request (see `_this_request`).
    scope = _this_request.get()
    if scope is None:
        return _read_or_start(key)
    if f"version:{key}" not in scope:
        scope[f"version:{key}"] = _read_or_start(key)
    return scope[f"version:{key}"]


def page_version_key(page_id):
    """The version of one page's own content (what only that page shows: its body)."""
    return f"page-version:{page_id}"


def bump(key=CONTENT_VERSION_KEY):
    """Increase a version now, and again once the current transaction commits.

    The second time matters: a request between now and the commit still reads the old
    content and may cache it under the new version. The content version is never raised
    without the shared version, except by `bump_own_page`.
    """
    _bump((key, SHARED_VERSION_KEY) if key == CONTENT_VERSION_KEY else (key,))


def bump_own_page(page):
    """Renew what shows `page`'s own content (its body): the content version and the page's
    own version, not the shared version the site's other kept pages follow."""
    _bump((CONTENT_VERSION_KEY, page_version_key(page.pk)))


def _bump(keys):
    for key in keys:
        _increase(key)

    def at_commit():
        for key in keys:
            _increase(key)

    transaction.on_commit(at_commit)
    # What this request read before the change is not what it should show after it.
    scope = _this_request.get()
    if scope is not None:
        scope.clear()
    # Seen at once by this process's outage version, should Redis be away; counted again at
    # the commit for the same reason as above.
    _note_change_during_outage()
    transaction.on_commit(_note_change_during_outage)


def _note_change_during_outage():
    _changes_during_outage[0] += 1


def cached(key, build, timeout=24 * 60 * 60, request=None, keep_none=True, follows=None):
    """`build()`'s result, cached until the content version changes.

    A preview (a draft an editor is looking at) is never served from or put in the cache.
    With `keep_none=False` a result of None is not kept (it is built again next time).

    `follows` names the version the entry follows instead of the content version, for what
    depends on one kind of thing only and so outlives a publish: the HTML of an image
    follows `IMAGES_VERSION_KEY`, renewed when an image changes.

    With a shared cache (Redis), each app server also keeps a copy of what it read in its
    own memory (`CACHES["local"]`): a key carries the content version, so what it names
    never changes, and a page needs one round trip to Redis (the version) instead of one per
    fragment.
    """
    if getattr(request, "is_preview", False):
        return build()
    if follows is None:
        version = str(content_version(request))
        versioned = f"{key}:v{version}"
    else:
        version = str(_version_in_scope(follows))
        versioned = f"{key}:{follows}:{version}"
    scope = _this_request.get()
    if scope is not None and versioned in scope:
        return scope[versioned]
    value = _read_or_build(versioned, build, timeout, version, keep_none)
    if scope is not None and (value is not None or keep_none):
        scope[versioned] = value
    return value


def _read_or_build(versioned, build, timeout, version, keep_none):
    local = _local_copies() if not version.startswith("uncached") else None
    outage = version.startswith("outage")
    if outage:
        timeout = min(timeout, OUTAGE_SECONDS)
    value = local.get(versioned, _MISSING) if local is not None else _MISSING
    if value is not _MISSING:
        return value
    value = _MISSING
    if not outage:
        with contextlib.suppress(Exception):  # a cache outage: slower, still right
            value = cache.get(versioned, _MISSING)
    if value is _MISSING:
        value = build()
        if value is None and not keep_none:
            return value
        if not outage:
            with contextlib.suppress(Exception):
                cache.set(versioned, value, timeout)
    if local is not None:
        local.set(versioned, value, timeout)
    return value


class RequestScopeMiddleware:
    """Open the scope in which `cached()` remembers what one request read (see
    `_this_request`); it ends with the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _this_request.set({})
        try:
            return self.get_response(request)
        finally:
            _this_request.reset(token)


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
            # entry may still carry. Kept until it changes (the cache's default timeout
            # would start every page afresh every few minutes).
            cache.add(key, time.time_ns(), timeout=None)
            version = cache.get(key)
    except Exception:  # a cache outage must slow pages down, not break them
        version = None
    if version is not None:
        return version
    if redis_unreachable():
        return _outage_version()
    # Without a cache there is nothing to be stale: a fresh value never matches an entry.
    return f"uncached-{time.time_ns()}"


def _outage_version():
    window = int(time.time() // OUTAGE_SECONDS)
    return f"outage-{os.getpid()}-{window}-{_changes_during_outage[0]}"


def _increase(key):
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (yet, or any more)
        cache.add(key, time.time_ns(), timeout=None)
    except Exception:
        pass  # nothing can be cached while the cache is down either


# After an outage, whatever Redis still holds may predate a change made meanwhile.
on_recovery(lambda: (_increase(CONTENT_VERSION_KEY), _increase(SHARED_VERSION_KEY)))
