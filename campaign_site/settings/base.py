"""Settings shared by every environment, safe for production as they stand.

DEBUG is off, and the secret key and allowed hosts come from the environment.
`dev.py`, `test.py` and `production.py` build on this module.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty, stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "campaign_site",
    "home",
    "events",
    "insights",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "rest_framework",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail says "3 seconds ago" with humanize's naturaltime; its words come from this
    # app's catalogue, so without it they stay English in the German and French admin.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETag and 304 answers to conditional requests (feeds, calendars, pages), outside the
    # page cache so a response served from it is validated too; no-store responses get none.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the page cache, so a page served from the cache gets the same policy.
    "campaign_site.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Each fragment read or built at most once per request (campaign_site/cache/versions.py).
    "campaign_site.cache.versions.RequestScopeMiddleware",
    # After CSRF: a cached form gets a fresh token, and the CSRF cookie with it.
    "campaign_site.cache.page_cache.AnonymousPageCacheMiddleware",
    # Pages found from the route remembered for their URL, not by walking the page tree.
    "campaign_site.cache.routing.RouteCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "campaign_site.security.two_factor.StaffTwoFactorMiddleware",
    "home.admin.translator_limits.TranslatorLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "campaign_site.urls"
WSGI_APPLICATION = "campaign_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: one URL. An SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, so concurrent writers wait
    # instead of failing halfway with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_caches(url):
    """The CACHES setting for the Redis server at `url`."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "campaign_site"),
            "OPTIONS": {
                # django-redis's client behind a circuit breaker: after a failure Redis is
                # skipped for a few seconds (campaign_site/cache/breaker.py, redis_client.py).
                "CLIENT_CLASS": "campaign_site.cache.redis_client.GuardedClient",
                # A cache outage must slow the site down, not take it down: a frozen or
                # unreachable Redis costs one short timeout, not a stalled worker.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        },
        # Each app server's own copy of the fragments it read from Redis
        # (campaign_site/cache/versions.py).
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }


DJANGO_REDIS_IGNORE_EXCEPTIONS = True
# The breaker logs an outage in one line, once a minute; not a traceback per cache call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    # Django's default of 300 entries is less than the fragments of a few dozen pages in
    # three languages: entries would be dropped and rebuilt all the time.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Anonymous page views are served from the cache for up to this many seconds, renewed at
# once whenever content changes (see campaign_site/cache/). 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. The first code is the default and source language (German). Which languages are
# on is configuration: LANGUAGES=de,en,fr,ru adds Russian without a code change (the next
# `manage.py migrate`, which `make run` and every release run, creates its Wagtail locale).
LANGUAGE_CODES = env_list("LANGUAGES", "de,en,fr")
_unknown = [code for code in LANGUAGE_CODES if code not in LANG_INFO]
if _unknown:
    raise ImproperlyConfigured(f"LANGUAGES names unknown language codes: {', '.join(_unknown)}")
LANGUAGE_CODE = LANGUAGE_CODES[0]
# Names in the language itself ("Deutsch", "English", "Français") for the language switcher.
LANGUAGES = [(code, LANG_INFO[code]["name_local"].capitalize()) for code in LANGUAGE_CODES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# campaign_site/static/ is found as the static folder of the platform app.
STATICFILES_DIRS = []
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (css/site.3f2a….css) and gzip copies; WhiteNoise serves hashed
    # files with a far-future, immutable Cache-Control.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded media (images, documents) on S3-compatible object storage when a bucket is
# configured, so every application server sees the same files; the file system otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty values fall back to boto3's own lookup (instance roles, ~/.aws).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Public media: plain URLs (no expiring signatures), so pages stay cacheable.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH"),
            # Never replace an existing object: a new upload gets a new name.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: SMTP settings from the environment; nothing is sent without EMAIL_HOST.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Partnerschaften2030 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where registrants' answers to registration emails go when the event names no contact
# email (e.g. "Veranstaltungsteam <events@example.org>"); empty: no Reply-To.
REGISTRATION_REPLY_TO = os.environ.get("REGISTRATION_REPLY_TO", "")
# A mail provider through django-anymail instead of SMTP (README "Emails to registrants"):
# EMAIL_BACKEND names its backend; every ANYMAIL_* variable becomes one of its settings
# (ANYMAIL_POSTMARK_SERVER_TOKEN → POSTMARK_SERVER_TOKEN, ANYMAIL_WEBHOOK_SECRET → the
# user:password the provider's reports must carry).
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}
# The provider posts its reports (bounces, complaints) to /<this>/anymail/<provider>/tracking/;
# served only when set and ANYMAIL has settings. A long random string, kept secret.
EMAIL_WEBHOOK_PATH = os.environ.get("EMAIL_WEBHOOK_PATH", "").strip("/")

# Wagtail
WAGTAIL_SITE_NAME = _("Partnerships for the 2030 Agenda")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The domain in every event's calendar UID (RFC 5545), the same in page downloads and emails
# whatever host a visitor used. Calendars recognise an event by its UID: pin the old domain
# here if the site ever moves, or every event is added to them a second time.
CALENDAR_UID_DOMAIN = (
    os.environ.get("CALENDAR_UID_DOMAIN") or urlsplit(WAGTAILADMIN_BASE_URL).hostname
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The same database backend, ranking SQLite's matches in one query instead of one
    # subquery per match (home/search_backend.py); PostgreSQL keeps the stock backend.
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "home.search_backend"
# Uploads are limited by type and size. No HTML, SVG or programs: a file served from our
# address must not be able to run script in a visitor's browser. SVG (which can carry
# script) is refused for images and documents alike rather than sanitised.
# Documents are served only by Wagtail's view, which checks a private collection's
# restriction on every download: never a link to the file itself ("direct"), never a
# redirect to the storage's address ("redirect", Wagtail's default for object storage),
# which would stay readable by whoever has it. The proxy serves no document from /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "xlsx", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decompression bombs: a small file that would unpack to a gigantic bitmap is refused.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# The image form says that the "description" is the image's alternative text.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.admin.images.ImageForm"
# No avatars from gravatar.com: the admin's own policy would block them (a broken image on
# every admin page) and each one would tell a third party who opened the admin. Wagtail shows
# its default avatar, or the one a person uploads under "Account".
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Page addresses in ASCII (fachgespraech, not fachgespr%C3%A4ch): Wagtail's slug field
# transliterates instead of keeping accents; home.slugs adds ä → ae, ß → ss, œ → oe.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The read API (/api/v2/): absolute links to the public site, up to 100 items a page.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Frontend cache (a CDN or Varnish in front of the site): the URLs of a page are purged when it
# is published or unpublished. Nothing is configured by default; production reads it from
# the environment (see `frontend_cache_from_environment`).
WAGTAILFRONTENDCACHE = {}
# Each language version has its own URL and is published on its own: purge just that URL.
WAGTAILFRONTENDCACHE_LANGUAGES = []


def frontend_cache_from_environment():
    """WAGTAILFRONTENDCACHE from FRONTEND_CACHE_BACKEND: "http" (Varnish or any proxy that
    accepts PURGE requests, at FRONTEND_CACHE_LOCATION) or "cloudflare" (with
    CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID). Empty: no frontend cache."""
    backend = os.environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
    if not backend:
        return {}
    if backend == "http":
        location = os.environ.get("FRONTEND_CACHE_LOCATION", "")
        if not location:
            raise ImproperlyConfigured("FRONTEND_CACHE_BACKEND=http needs FRONTEND_CACHE_LOCATION.")
        return {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": location,
            }
        }
    if backend == "cloudflare":
        token = os.environ.get("CLOUDFLARE_BEARER_TOKEN", "")
        zone = os.environ.get("CLOUDFLARE_ZONE_ID", "")
        if not (token and zone):
            raise ImproperlyConfigured(
                "FRONTEND_CACHE_BACKEND=cloudflare needs CLOUDFLARE_BEARER_TOKEN and "
                "CLOUDFLARE_ZONE_ID."
            )
        return {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": token,
                "ZONEID": zone,
            }
        }
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE_BACKEND must be empty, http or cloudflare, not {backend!r}."
    )


# Machine translation in wagtail-localize: DeepL when a key is configured, with the campaign
# glossary (`manage.py upload_deepl_glossaries` prints DEEPL_GLOSSARY_IDS) and a formality;
# otherwise an offline stand-in that copies the source, glossary terms translated, for review.
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
DEEPL_FORMALITIES = {"default", "prefer_less", "prefer_more"}
DEEPL_FORMALITY = os.environ.get("DEEPL_FORMALITY") or "prefer_more"  # "vous" and "Sie"


def deepl_glossary_ids(value):
    """DEEPL_GLOSSARY_IDS ("de:en=<id>,de:fr=<id>") as wagtail-localize's GLOSSARY_IDS."""
    ids = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        pair, _equals, glossary_id = item.partition("=")
        source, _colon, target = pair.partition(":")
        if not (source.strip() and target.strip() and glossary_id.strip()):
            raise ImproperlyConfigured(
                f"DEEPL_GLOSSARY_IDS: {item!r} is not like 'de:fr=<glossary id>'."
            )
        ids[(source.strip().upper(), target.strip().upper())] = glossary_id.strip()
    return ids


if DEEPL_API_KEY:
    if DEEPL_FORMALITY not in DEEPL_FORMALITIES:
        raise ImproperlyConfigured(
            f"DEEPL_FORMALITY must be one of {', '.join(sorted(DEEPL_FORMALITIES))}."
        )
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": DEEPL_API_KEY,
            "FORMALITY": DEEPL_FORMALITY,
            "GLOSSARY_IDS": deepl_glossary_ids(os.environ.get("DEEPL_GLOSSARY_IDS", "")),
        },
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "home.translation.machine.CopySourceTranslator"}

# Logs go to stdout: readable lines by default, one JSON object per line with
# LOG_FORMAT=json (the production default) for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")


def logging_config(log_format):
    """The LOGGING setting for `plain` or `json` lines on stdout."""
    if log_format not in {"plain", "json"}:
        raise ImproperlyConfigured("LOG_FORMAT must be 'plain' or 'json'.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "json": {"()": "campaign_site.log_format.JSONFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    }


LOGGING = logging_config(LOG_FORMAT)

# Background tasks: registration emails and Wagtail's own (reference index, image focal
# points, deleting replaced files). "immediate" runs them inside the request; "database"
# queues them in the database for `manage.py run_worker` (production's default), so a slow
# mail server never slows a visitor down and a restart loses nothing.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_config(backend_name):
    """The TASKS setting for one of TASK_BACKENDS."""
    if backend_name not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"TASKS_BACKEND must be one of: {', '.join(TASK_BACKENDS)}.")
    return {"default": {"BACKEND": TASK_BACKENDS[backend_name]}}


TASKS = tasks_config(os.environ.get("TASKS_BACKEND", "immediate"))

# The demo-content command refuses to run unless a settings module allows it.
DEMO_CONTENT_ALLOWED = False

# Registration: attempts per client and window (seconds), and how long personal data is
# kept after an event has ended before `purge_registrations` removes it.
REGISTRATION_RATE_LIMIT = (
    int(os.environ.get("REGISTRATION_RATE_LIMIT", "10")),
    int(os.environ.get("REGISTRATION_RATE_WINDOW", "600")),
)
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "90"))

# Reverse proxies in front of the application servers that append the client's address to
# X-Forwarded-For (0: none, clients connect directly). Rate limits and the sign-in lockout
# count per client address (campaign_site/security/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The addresses or networks the proxy in front connects from: only from these is
# X-Forwarded-For believed, so a client reaching an app server directly cannot claim to be
# someone else. gunicorn reads the same variable (and default) for X-Forwarded-Proto.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
for _entry in FORWARDED_ALLOW_IPS:
    try:
        if _entry != "*":
            ipaddress.ip_network(_entry, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"FORWARDED_ALLOW_IPS: {_entry!r} is not an IP address, a network or *."
        ) from None

# Management commands that `manage.py run_periodic_jobs` runs, with their interval in
# seconds: scheduled publishing, joining details and reminders before events, retrying
# registration emails, the organisers' access and interpretation summaries, anonymising old
# registrations.
PERIODIC_JOBS = [
    ("publish_scheduled", 5 * 60),
    ("send_scheduled_emails", 5 * 60),
    ("send_registration_emails", 5 * 60),
    ("send_needs_summaries", 5 * 60),
    # Unconfirmed addresses and unanswered offers lapse; their places are offered on.
    ("lapse_registrations", 60),
    ("purge_registrations", 24 * 60 * 60),
]

# New translations start as drafts: translators publish them when they are done, so a
# French page never goes live with German text.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Security headers (campaign_site/security/headers.py). Public pages run no inline script and
# no inline style: scripts and styles come from the site itself; embedded videos (https) may
# be framed. The admin needs inline scripts and styles, and a looser policy of its own.
# Framing is refused everywhere except Wagtail's previews, which its admin shows in a frame
# of the same origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # The thumbnails of embedded videos (avatars are local: no Gravatar).
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
    }
}
# Paths that get the admin's policy (Wagtail's admin and Django's).
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: never readable by scripts where nothing needs them, not sent on cross-site posts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Staff sessions end after this many seconds (default: a working day of 8 hours), or when the
# browser closes if "Remember me" was not ticked at sign-in (Wagtail) or this is on.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE")

# Sign-in lockout (django-axes): after LOGIN_FAILURE_LIMIT failed attempts for one username
# from one address, that pair is locked for LOGIN_LOCKOUT_MINUTES; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address behind the proxy, as the rate limits see it: with the proxy's own
# address, anyone could lock a colleague out from anywhere.
AXES_CLIENT_IP_CALLABLE = "campaign_site.security.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "campaign_site.security.lockout.lockout_response"
AXES_VERBOSE = False
# Failed attempts are kept only while they count (the cool-off); successful sign-ins are not logged.
AXES_DISABLE_ACCESS_LOG = True

# Two-factor authentication (django-otp): staff may set up an authenticator app; whoever has
# one must enter a code after the password. With STAFF_2FA_REQUIRED on, staff without one are
# sent to set it up before they can use the admin.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED")
# The API knows a signed-in person by the session only (which holds the second factor):
# Django REST framework's default also takes a username and password in each request.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]
}
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Partnerschaften2030")
