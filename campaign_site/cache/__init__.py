"""Caching that is never stale and never personal, in one package.

- `versions`: the content version (renewed after every committed change to public content)
  and `cached()`, fragments kept under it; further versions such as an event's places.
- `invalidation`: which models renew the content version, declared by each app in its
  `AppConfig.ready()` with explicit senders.
- `page_cache`: whole pages for anonymous visitors (opted into by page types and views;
  `personal()` opts a response out).
- `routing`: the route from a URL to its page, and the page itself, kept between requests.

How a request flows through them: README, "Architecture".
"""

from .invalidation import models_of, renew_on_change
from .page_cache import cache_this_page, follow_every_change, personal
from .routing import MAY_BE_RESTRICTED, find_site
from .versions import bump, cached

__all__ = [
    "MAY_BE_RESTRICTED",
    "bump",
    "cache_this_page",
    "cached",
    "find_site",
    "follow_every_change",
    "models_of",
    "personal",
    "renew_on_change",
]
