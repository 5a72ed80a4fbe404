"""Whole pages for anonymous visitors, never stale and never personal.

The policy in one place:
- A response is kept only when its view opted in: `cache_this_page(request)`, called by the
  page types that say so (`CampaignPage.cache_for_visitors`) and by views such as search.
  Nothing is kept by default.
- A response about one person opts out in one way: `personal(response)`
  (`Cache-Control: private, no-store`), which no cache (ours, a proxy's, a browser's) keeps.
- An entry names everything it depends on: the URL (language prefix included), the content
  version, the further versions given in `depends_on` (an event's places), and the moment it
  changes by itself (`until`). Visitors with a session (staff) always get a fresh page.
- A page (`cache_this_page(page=...)`) follows the shared version and its own instead of the
  content version: a published change to another page's body leaves it kept
  (`campaign_site.cache.versions`).
"""

import contextlib
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

from .versions import (
    CONTENT_VERSION_KEY,
    SHARED_VERSION_KEY,
    content_version,
    dependency_version,
    page_version_key,
)


class PageCacheRequest:
    """What the view said about caching its response, collected while it renders.

    The versions are read before anything the response shows, so an entry can only be
    older than the versions it names, never newer."""

    def __init__(self, version, shared_version):
        self.version = version
        self.shared_version = shared_version
        self.cacheable = False
        self.page_key = None
        self.every_change = False
        self.dependencies = {}
        self.until = None


def cache_this_page(request, depends_on=(), until=None, page=None):
    """Let the page cache keep this response, until content or `depends_on` change.

    `depends_on` names further versions (see `dependency_version`) the page shows, e.g. an
    event's places left; `until` is a moment the page changes by itself (registration
    opens or closes, an event ends). A `page` shows its own body and of other pages only
    what a change to their body leaves alone (titles, teasers, dates, tags): it is kept
    until the shared version or its own changes, not every content version.
    """
    info = getattr(request, "page_cache", None)
    if info is None:
        return
    info.cacheable = True
    if page is not None and info.page_key is None:
        info.page_key = page_version_key(page.pk)
        info.dependencies[info.page_key] = dependency_version(info.page_key)
    for key in depends_on:
        if key not in info.dependencies:
            info.dependencies[key] = dependency_version(key)
    if until is not None:
        moment = until.timestamp()
        info.until = moment if info.until is None else min(info.until, moment)


def follow_every_change(request):
    """Keep this response only until the content version changes, not the shared version a
    page follows: for responses of a page that show what any publish changes of other pages
    (their text, the moment they were last published: feeds and calendars)."""
    info = getattr(request, "page_cache", None)
    if info is not None:
        info.every_change = True


def personal(response):
    """Mark a response about one person (a registration's status, a cancellation form):
    no cache anywhere keeps it. Returns the response."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache, never stale.

    A response is kept only when its view called `cache_this_page`, and only
    for visitors without a session (editors and previews always get a fresh page). An entry
    is used only while the content version and the versions it depends on are unchanged,
    and never past the moment it said it changes by itself. CSRF tokens in cached forms are
    replaced by a fresh token for each visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if (
            timeout <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        key = "page-cache:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        hit = self._from_cache(request, key)
        if hit is not None:
            return hit
        request.page_cache = PageCacheRequest(
            content_version(request), dependency_version(SHARED_VERSION_KEY)
        )
        response = self.get_response(request)
        self._store(request, key, response, timeout)
        return response

    def _from_cache(self, request, key):
        try:
            # The entry, the content version and the page's own versions (an event page's
            # places) in one round trip: which versions a page follows is remembered per
            # process from the last time. A second round trip only the first time.
            known = _dependency_keys.get(key, ())
            current = cache.get_many([key, CONTENT_VERSION_KEY, SHARED_VERSION_KEY, *known])
            entry = current.pop(key, None)
            if entry is None:
                return None
            if set(entry["dependencies"]) - set(known):
                current.update(cache.get_many(list(entry["dependencies"])))
                if len(_dependency_keys) >= MAX_REMEMBERED_DEPENDENCIES:
                    _dependency_keys.clear()
                _dependency_keys[key] = tuple(entry["dependencies"])
        except Exception:
            return None
        if current.get(entry["follows"]) != entry["version"]:
            return None
        if any(current.get(k) != v for k, v in entry["dependencies"].items()):
            return None
        if entry["until"] is not None and time.time() >= entry["until"]:
            return None
        content = entry["content"]
        if CSRF_MARKER in content:
            content = content.replace(CSRF_MARKER, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return response

    def _store(self, request, key, response, timeout):
        info = request.page_cache
        if not info.cacheable or response.status_code != 200 or response.streaming:
            return
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return
        if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
            return
        if info.until is not None:
            timeout = min(timeout, int(info.until - time.time()))
            if timeout <= 0:
                return
        follows, version = CONTENT_VERSION_KEY, info.version
        if info.page_key is not None and not info.every_change:
            # The page's own version was read after its page was found (routing), perhaps
            # from what an earlier content version kept: had any change been committed
            # since this request began, the content version would tell.
            if dependency_version(CONTENT_VERSION_KEY) != info.version:
                return
            follows, version = SHARED_VERSION_KEY, info.shared_version
        content = CSRF_FIELD.sub(
            rb'name="csrfmiddlewaretoken" value="' + CSRF_MARKER + b'"', response.content
        )
        entry = {
            "follows": follows,
            "version": version,
            "dependencies": info.dependencies,
            "until": info.until,
            "status": response.status_code,
            "headers": [(h, v) for h, v in response.items() if h.lower() != "set-cookie"],
            "content": content,
        }
        with contextlib.suppress(Exception):  # a cache outage must not fail the page
            cache.set(key, entry, timeout)
        response["X-Page-Cache"] = "miss"


# Per process: page cache key -> the version keys its entry followed last time.
_dependency_keys = {}
MAX_REMEMBERED_DEPENDENCIES = 10_000

CSRF_MARKER = b"__page_cache_csrf_token__"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
