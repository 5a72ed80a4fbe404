"""When the database is out of reach: a calm 503 page instead of a server error.

A lost database connection raises `OperationalError` or `InterfaceError` wherever the next
query happens (a middleware, a view, a template). Django turns any uncaught exception into
a call of the 500 handler; this handler looks at the exception and answers such failures
with "temporarily unavailable" (503, `Retry-After`) in the visitor's language. The page
needs nothing from the database: no Wagtail page, no site settings, no cached fragments.
Each request opens its own connection (or checks the kept one), so the site is back by
itself as soon as the database is.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)

# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 60
DATABASE_FAILURES = (OperationalError, InterfaceError)


def database_unavailable_response(request):
    """The 503 page, rendered from the template alone (no context processors, no queries)."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        content = loader.get_template("503.html").render(
            {"language_code": translation.get_language(), "retry_after": RETRY_AFTER_SECONDS}
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never kept by a cache or a proxy: the page must disappear as soon as the site is back.
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's 500 handler, except for a database that cannot be reached (503)."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_FAILURES):
        logger.error("Database unavailable: %s", error)
        return database_unavailable_response(request)
    return default_server_error(request, template_name)
