"""A per-client limit on registration attempts, counted in the shared cache (the client as
`campaign_site.security.client_ip` finds it behind the proxies in front)."""

from django.conf import settings
from django.core.cache import cache

from campaign_site.security.client_ip import client_ip


def allow_attempt(request, scope="registration"):
    """Count one attempt; False once the client made too many in the current window.

    Without a cache nothing can be counted: while the cache server is down, attempts are
    allowed (registration stays open), never refused and never an error.
    """
    limit, window = settings.REGISTRATION_RATE_LIMIT
    key = f"ratelimit:{scope}:{client_ip(request)}"
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
