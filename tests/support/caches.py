"""Reading every entry a cache holds, whichever backend the settings configure."""

import pytest

from django.core.cache import caches


def _redis_values(client, key):
    kind = client.type(key).decode()
    if kind == "string":
        return [client.get(key)]
    if kind == "hash":
        return [*client.hgetall(key).keys(), *client.hgetall(key).values()]
    if kind == "list":
        return client.lrange(key, 0, -1)
    if kind == "set":
        return list(client.smembers(key))
    if kind == "zset":
        return client.zrange(key, 0, -1)
    return [client.dump(key)]


def stored_entries():
    """Every (key, raw value) pair in every configured cache, as bytes.

    Local memory: its dictionary of pickled values. Redis: every key of the database, read
    through the backend's own client. Any other backend fails the test rather than check
    nothing.
    """
    entries = []
    for alias in caches:
        cache = caches[alias]
        if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
            entries += [(key.encode(), value) for key, value in cache._cache.items()]
        elif hasattr(cache, "client") and hasattr(cache.client, "get_client"):
            client = cache.client.get_client(write=False)
            for key in client.scan_iter(count=1000):
                entries += [(key, value) for value in _redis_values(client, key) if value]
        else:
            pytest.fail(f"cannot list the entries of cache {alias!r} ({type(cache).__name__})")
    return entries
