"""The read-only API for partner organisations (Wagtail API v2): pages, images, documents.

What a page type exposes is its `api_fields` (public fields only; registrations are never
among them). Pages are filtered with `?type=events.EventPage` and `?locale=fr`.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class CampaignPagesAPIViewSet(PagesAPIViewSet):
    # Only reading: no other HTTP method is routed to these views.
    http_method_names = ["get", "head", "options"]


class CampaignImagesAPIViewSet(ImagesAPIViewSet):
    http_method_names = ["get", "head", "options"]


class CampaignDocumentsAPIViewSet(DocumentsAPIViewSet):
    http_method_names = ["get", "head", "options"]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CampaignPagesAPIViewSet)
api_router.register_endpoint("images", CampaignImagesAPIViewSet)
api_router.register_endpoint("documents", CampaignDocumentsAPIViewSet)
