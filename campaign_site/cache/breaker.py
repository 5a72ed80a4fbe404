"""A circuit breaker for the Redis cache: after a failure, Redis is skipped for a moment.

Without it, every cache call during an outage waits for its socket timeout and logs a
traceback, so pages slow down many times over and the log floods. With it, the first
failing call opens the breaker: for SKIP_SECONDS every call gives up at once (as a cache
miss, django-redis's IGNORE_EXCEPTIONS), then one call tries Redis again. The outage is
logged in one line, at most once per LOG_INTERVAL; its end is logged too. Before the first
call after an outage is answered, the callbacks given to `on_recovery` run (the content
version is renewed: see versions.py), so that call already sees the renewed version.

`campaign_site.cache.redis_client.GuardedClient` is django-redis's client behind the
breaker (CACHES OPTIONS CLIENT_CLASS). The breaker is per process, like the connections it
guards.
"""

import logging
import time

from campaign_site.log_format import first_line

logger = logging.getLogger(__name__)

SKIP_SECONDS = 5
LOG_INTERVAL = 60

_state = {"down_since": None, "retry_at": 0.0, "logged_at": None, "recovering": False}
_recovery_callbacks = []


def redis_unreachable():
    """Whether the last call to Redis failed (and none succeeded since)."""
    return _state["down_since"] is not None


def on_recovery(callback):
    """Call `callback()` when Redis answers again after an outage."""
    _recovery_callbacks.append(callback)


def reset():
    """Forget any outage (a new process; tests)."""
    _state.update(down_since=None, retry_at=0.0, logged_at=None, recovering=False)


def failed(error):
    now = time.monotonic()
    if _state["down_since"] is None:
        _state["down_since"] = now
    _state["retry_at"] = now + SKIP_SECONDS
    if _state["logged_at"] is None or now - _state["logged_at"] >= LOG_INTERVAL:
        _state["logged_at"] = now
        logger.warning(
            "Redis unreachable (%s); cache calls skip it for %s s at a time, each process "
            "keeps what it renders for a few seconds",
            first_line(error.__cause__ or error),
            SKIP_SECONDS,
        )


def succeeded():
    if _state["down_since"] is None:
        return
    seconds = time.monotonic() - _state["down_since"]
    reset()
    logger.warning("Redis reachable again after %.0f s", seconds)


def skipping():
    """Whether a cache call should give up at once: Redis failed a moment ago, or it is
    back but the recovery callbacks did not get through yet (they run here, first; their
    own cache calls go straight through)."""
    if _state["down_since"] is None or _state["recovering"]:
        return False
    return time.monotonic() < _state["retry_at"] or not _recover()


def _recover():
    _state["recovering"] = True
    try:
        for callback in _recovery_callbacks:
            callback()
    finally:
        _state["recovering"] = False
    return time.monotonic() >= _state["retry_at"]
