"""A per-client limit on registration attempts, counted in the shared cache."""

from django.conf import settings
from django.core.cache import cache


def client_id(request):
    """The client's address (REMOTE_ADDR; the proxy in front must set it to the client)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def allow_attempt(request, scope="registration"):
    """Count one attempt; False once the client made too many in the current window."""
    limit, window = settings.REGISTRATION_RATE_LIMIT
    key = f"ratelimit:{scope}:{client_id(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return attempts <= limit
