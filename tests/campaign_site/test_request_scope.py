"""Within one request a fragment is built once, even when no cache can keep it (every cache
off, or the cache server down): the first view after a publish asks the database for each
thing once. A change made during the request is seen by what the request reads after it."""

import pytest

from django.test import RequestFactory, override_settings

from campaign_site.cache import bump, cached
from campaign_site.cache.versions import RequestScopeMiddleware

pytestmark = pytest.mark.django_db

EVERY_CACHE_OFF = {
    alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    for alias in ("default", "local")
}


def reads_during_one_request(view):
    builds = []

    def build():
        builds.append(True)
        return len(builds)

    def get_response(request):
        return view(lambda: cached("upcoming-events", build))

    RequestScopeMiddleware(get_response)(RequestFactory().get("/de/"))
    return builds


@override_settings(CACHES=EVERY_CACHE_OFF)
def test_a_fragment_read_twice_in_one_request_is_built_once():
    results = []
    builds = reads_during_one_request(lambda read: results.extend([read(), read(), read()]))
    assert builds == [True]
    assert results == [1, 1, 1]


@override_settings(CACHES=EVERY_CACHE_OFF)
def test_after_a_change_in_the_request_the_fragment_is_built_again():
    results = []

    def view(read):
        results.append(read())
        bump()
        results.append(read())

    assert len(reads_during_one_request(view)) == 2
    assert results == [1, 2]


@override_settings(CACHES=EVERY_CACHE_OFF)
def test_outside_a_request_nothing_is_kept():
    builds = []
    for _ in range(2):
        cached("upcoming-events", lambda: builds.append(True))
    assert len(builds) == 2
