"""gunicorn settings for the application servers (`gunicorn campaign_site.wsgi`).

gunicorn reads this file from the working directory. Every value can be changed through the
environment; see `.env.example`.
"""

import os


def _default_workers():
    # CPUs this process may use (a container's limit, not the host's), two workers each.
    return min(2 * len(os.sched_getaffinity(0)) + 1, 8)


wsgi_app = "campaign_site.wsgi:application"
# Loopback: only the proxy on this machine reaches the app servers, so nobody can send them
# a forged X-Forwarded-For. In a container the image sets the container's own network
# (GUNICORN_BIND=0.0.0.0:8000, reachable only from its private network; see Dockerfile).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS") or _default_workers())
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request taking longer than this is killed; a stop or reload waits this long for
# requests in flight to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Restart workers now and then, so slow memory growth never builds up; rarely enough that a
# traffic peak is not slowed down by restarts (at 1,000 requests, 175 requests per second
# per worker restarted each worker every six seconds, and put seconds on the slowest 1 %),
# and spread out (up to 50 % more), so that workers sharing the load are not all being
# replaced at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 2
# Load Django once, in the master process: a new worker is a fork, ready in milliseconds
# instead of importing and setting up everything again. Nothing connects to the database
# or the cache while loading, so no connection is shared between workers.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes", "on")


def when_ready(server):
    """Finish loading in the master what each worker would otherwise load on its first
    request: the URL configuration (Wagtail's admin, its hooks and snippet views), the
    cache client and the translation catalogues. That took a new worker one to three
    seconds, which the visitors it served first waited for, each time a worker was replaced.
    Workers are forks of the master, so they start with all of it. Nothing here connects to
    the database or the cache."""
    if not server.cfg.preload_app:
        return
    from django.conf import settings
    from django.core.cache import caches
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (imports every URL module)
    for alias in settings.CACHES:
        caches[alias]  # noqa: B018 (imports the client; it connects on first use)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Search")


# No runtime control socket (gunicorn would create one in the user's home folder).
control_socket_disable = True
# Trust X-Forwarded-Proto only from these addresses or networks (the proxy in front); the
# application reads the same variable before it believes X-Forwarded-For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Heartbeat files in memory, not on a possibly slow container file system.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Access and error logs on stdout; as JSON lines unless LOG_FORMAT=plain.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "campaign_site.log_format.JSONFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
        "root": {"level": "WARNING", "handlers": ["stdout"]},
    }
