"""Production: everything from the environment, `manage.py check --deploy` clean."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    PERIODIC_JOBS,
    REDIS_URL,
    SECRET_KEY,
    TASK_BACKENDS,
    env_bool,
    frontend_cache_from_environment,
    logging_config,
    tasks_config,
)

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 50 characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")
if not REDIS_URL:
    # Without a shared cache each process keeps its own, and a page unpublished, protected
    # or changed in one process (the admin, publish_scheduled, a worker) would still be
    # served, and registered for, from the memory of another.
    raise ImproperlyConfigured(
        "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): in production every process must "
        "share one cache, or changes made in one are not seen by the others."
    )

DEBUG = False

# TLS is terminated at the proxy in front of the application server.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Content-Security-Policy, Permissions-Policy, X-Frame-Options (DENY; SAMEORIGIN for Wagtail's
# previews), nosniff, Referrer-Policy and cookie flags are set in base.py for every setting.

# A CDN or Varnish in front of the site is told when pages change (see .env.example).
WAGTAILFRONTENDCACHE = frontend_cache_from_environment()

# The load balancer's health check may come over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Emails and other background work go through the database queue and `manage.py run_worker`.
TASKS = tasks_config(os.environ.get("TASKS_BACKEND", "database"))
if TASKS["default"]["BACKEND"] == TASK_BACKENDS["database"]:
    PERIODIC_JOBS = [
        *PERIODIC_JOBS,
        # Finished tasks are kept 14 days for inspection, then removed from the queue table.
        ("prune_db_task_results", 24 * 60 * 60),
        # Tasks left "running" by a worker that was killed go back to the queue.
        ("requeue_abandoned_tasks", 5 * 60),
    ]
# One JSON object per log line on stdout.
LOGGING = logging_config(os.environ.get("LOG_FORMAT", "json"))
