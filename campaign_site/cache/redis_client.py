"""django-redis's client behind the circuit breaker of campaign_site/cache/breaker.py.

Imported by django-redis when the cache is first used (CACHES OPTIONS CLIENT_CLASS), like
the client it extends.
"""

import functools

from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError

from . import breaker

# The client's calls that reach Redis; each gives up at once while the breaker is open.
GUARDED_CALLS = (
    "get",
    "set",
    "add",
    "delete",
    "incr",
    "decr",
    "get_many",
    "set_many",
    "delete_many",
    "has_key",
    "touch",
    "expire",
    "ttl",
    "clear",
    "delete_pattern",
)


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if breaker.skipping():
            # Handled by django-redis's IGNORE_EXCEPTIONS as a cache miss.
            raise ConnectionInterrupted(connection=None) from RedisConnectionError(
                "skipped after a recent failure"
            )
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            breaker.failed(error)
            raise
        breaker.succeeded()
        return result

    return call


class GuardedClient(DefaultClient):
    """django-redis's DefaultClient, whose calls go through the breaker."""


for _name in GUARDED_CALLS:
    setattr(GuardedClient, _name, _guarded(getattr(DefaultClient, _name)))
