"""Private documents (in a collection with a view restriction) are never kept by a cache
shared between visitors, such as a CDN in front of the site: it would hand the copy one
permitted person downloaded to anyone asking for the same address."""

from django.utils.cache import patch_cache_control

__all__ = ["keep_private_documents_private", "remember_private_document"]


def remember_private_document(document, request):
    """Wagtail's `before_serve_document` hook: note whether `document` is private."""
    request.private_document = document.collection.get_view_restrictions().exists()


def keep_private_documents_private(request, response):
    """Mark the answer to a private document's download `Cache-Control: private`."""
    if getattr(request, "private_document", False):
        patch_cache_control(response, private=True)
    return response
