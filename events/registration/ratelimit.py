"""A per-client limit on registration attempts, counted in the shared cache."""

from django.conf import settings
from django.core.cache import cache


def client_id(request):
    """The client's address.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it saw to
    X-Forwarded-For, that is the entry the outermost proxy added (entries further left
    come from the client and can be forged). Without proxies it is REMOTE_ADDR.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def allow_attempt(request, scope="registration"):
    """Count one attempt; False once the client made too many in the current window.

    Without a cache nothing can be counted: while the cache server is down, attempts are
    allowed (registration stays open), never refused and never an error.
    """
    limit, window = settings.REGISTRATION_RATE_LIMIT
    key = f"ratelimit:{scope}:{client_id(request)}"
    try:
        if cache.add(key, 1, timeout=window):
            return True
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    except Exception:  # noqa: BLE001 - a cache outage must not refuse registrations
        return True
    # django-redis answers None instead of raising while the server is unreachable.
    return attempts is None or attempts <= limit
