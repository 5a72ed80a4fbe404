"""Views every site of ours has, whatever its content: the health check and robots.txt."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_round_trips():
    # A key of its own per check, so concurrent checks from several servers never collide.
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


HEALTH_CHECKS = {"database": _database_answers, "cache": _cache_round_trips}


@never_cache
def healthz(request):
    """For load balancers and container health checks: 200 when the database answers a
    query and the cache returns what was stored in it, 503 naming the part that failed."""
    results = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            healthy = check()
        except Exception:  # noqa: BLE001 - any failure means "unhealthy", with its cause logged
            logger.exception("Health check %s failed", name)
            healthy = False
        results[name] = "ok" if healthy else "failing"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
    )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"
