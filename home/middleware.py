"""Middleware: translators kept to their languages, the anonymous page cache, and routes
remembered between requests."""

import contextlib
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.deprecation import MiddlewareMixin

from wagtail.models import Locale
from wagtail_localize.models import Translation

from .caching import CONTENT_VERSION_KEY, PageCacheRequest, content_version
from .roles import may_translate_into
from .routing import route


class TranslatorLanguageMiddleware(MiddlewareMixin):
    """Keep translators limited to some languages out of the others in wagtail-localize.

    wagtail-localize checks Wagtail's permissions, which know no languages: a translator in
    "Translators (English)" could otherwise open, edit, upload or machine-translate the
    French translation of a snippet, or create one. Page trees are already limited by page
    permissions (see `home.roles`); this guards the translation views for every object.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtail_localize":
            return None
        if not request.user.is_authenticated:
            return None
        codes = []
        if "translation_id" in view_kwargs:
            translation = (
                Translation.objects.filter(pk=view_kwargs["translation_id"])
                .select_related("target_locale")
                .first()
            )
            if translation is not None:
                codes.append(translation.target_locale.language_code)
        elif match.url_name == "submit_snippet_translation" and request.method == "POST":
            ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
            codes = Locale.objects.filter(pk__in=ids).values_list("language_code", flat=True)
        if not all(may_translate_into(request.user, code) for code in codes):
            raise PermissionDenied
        return None


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache, never stale.

    A response is kept only when its view called `home.caching.cache_this_page`, and only
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
        key = "page:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        hit = self._from_cache(request, key)
        if hit is not None:
            return hit
        request.page_cache = PageCacheRequest(content_version(request))
        response = self.get_response(request)
        self._store(request, key, response, timeout)
        return response

    def _from_cache(self, request, key):
        try:
            # The entry, the content version and the page's own versions (an event page's
            # places) in one round trip: which versions a page follows is remembered per
            # process from the last time. A second round trip only the first time.
            known = _dependency_keys.get(key, ())
            current = cache.get_many([key, CONTENT_VERSION_KEY, *known])
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
        if current.get(CONTENT_VERSION_KEY) != entry["version"]:
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
        content = CSRF_FIELD.sub(
            rb'name="csrfmiddlewaretoken" value="' + CSRF_MARKER + b'"', response.content
        )
        entry = {
            "version": info.version,
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


class RouteCacheMiddleware(MiddlewareMixin):
    """Find the page of a Wagtail URL from the route remembered for it (`home.routing`)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name == "wagtail_serve":
            route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        return None
