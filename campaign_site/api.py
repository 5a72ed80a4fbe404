"""The read-only API for partner organisations (Wagtail API v2): pages, images, documents.

What a page type exposes is its `api_fields` (public fields only; registrations are never
among them). Pages are filtered with `?type=events.EventPage` and `?locale=fr`, and found
by their public address with `pages/find/?html_path=` (a page's `meta.html_url`, or its path,
language prefix included). Images and documents are those live, public pages use, never
what only a draft uses (`campaign_site.public_files`).

Errors are JSON with a `message`: 404 for an unknown object or address under /api/v2/,
400 for a parameter the API cannot take. An API 404 is never redirected into a language
prefix the way a missing public page is.
"""

import functools
from urllib.parse import urlsplit

from django.http import JsonResponse
from django.urls import Resolver404, path, re_path, resolve
from django.utils import translation

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from .public_files import used_by_public_pages

# The largest OFFSET both SQLite and PostgreSQL accept (a signed 64-bit integer).
MAX_OFFSET = 2**63 - 1
SEARCH_OPERATORS = ("and", "or")


class CampaignPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class CampaignAPIViewSetMixin:
    # Only reading: no other HTTP method is routed to these views.
    http_method_names = ["get", "head", "options"]
    pagination_class = CampaignPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_public_input(request)

    def check_public_input(self, request):
        """Refuse, as a 400, input the databases or search backends would fail on."""
        for name, values in request.GET.lists():
            if any("\x00" in text for text in [name, *values]):
                raise BadRequestError("query parameters cannot contain NUL characters")
        # The SQLite search backend puts each word between double quotes without escaping
        # them; a quote in the search is not search syntax on either backend.
        if '"' in request.GET.get("search", ""):
            raise BadRequestError("search cannot contain double quotes")
        operator = request.GET.get("search_operator")
        if operator is not None and operator.lower() not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")


class CampaignPagesAPIViewSet(CampaignAPIViewSetMixin, PagesAPIViewSet):
    def find_object(self, queryset, request):
        # Wagtail routes `html_path` from the site's root page in the default language,
        # unaware of the language prefix every public address (and `meta.html_url`) has.
        html_path = request.GET.get("html_path")
        try:
            path = urlsplit(html_path).path if html_path else ""
        except ValueError as error:  # e.g. "http://[x/": not an address at all
            raise BadRequestError("html_path is not a valid address") from error
        language = path and translation.get_language_from_path(path)
        if not language:
            return super().find_object(queryset, request)
        page = page_at(request, path, language)
        return page if page is not None and queryset.filter(pk=page.pk).exists() else None


class CampaignImagesAPIViewSet(CampaignAPIViewSetMixin, ImagesAPIViewSet):
    def get_queryset(self):
        # Not what a draft uses: see campaign_site.public_files.
        return used_by_public_pages(super().get_queryset())


class CampaignDocumentsAPIViewSet(CampaignAPIViewSetMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return used_by_public_pages(super().get_queryset())


def page_at(request, path, language):
    """The live page a public address (language prefix included) shows, or None.

    The address is resolved as a visitor's request for it would be: in its language, by
    Wagtail's own page serving.
    """
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return None
        return Page.find_for_request(request, match.args[0] if match.args else "")


def endpoint_not_found(request, *args, **kwargs):
    return JsonResponse({"message": "no API endpoint at this address"}, status=404)


class CampaignAPIRouter(WagtailAPIRouter):
    def get_urlpatterns(self):
        # Any other address ending in "/" is answered by the API itself; one without the
        # final slash is left to CommonMiddleware, which completes it.
        catch_all = re_path(r"^(?:.*/)?$", self.wrap_view(endpoint_not_found))
        return [*super().get_urlpatterns(), catch_all]

    def wrap_view(self, func):
        view = super().wrap_view(func)

        @functools.wraps(view)
        def answered_by_the_api(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            # LocaleMiddleware redirects a 404 outside the language prefixes when the
            # prefixed path resolves (here, to Wagtail's page serving). It looks in
            # request.urlconf for language prefixes; this URLconf, the API's own, has none.
            request.urlconf = __name__
            return response

        return answered_by_the_api


api_router = CampaignAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CampaignPagesAPIViewSet)
api_router.register_endpoint("images", CampaignImagesAPIViewSet)
api_router.register_endpoint("documents", CampaignDocumentsAPIViewSet)

# The API's URLconf, included by campaign_site.urls.
urlpatterns = [path("api/v2/", api_router.urls)]
