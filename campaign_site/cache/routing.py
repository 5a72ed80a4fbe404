"""Finding a URL's page without walking the page tree on every request.

Wagtail finds a page by looking up the site, the site's root in the active language, and
then each level of the URL in turn: two queries per level, so ten for an event's page. Here
the same walk takes one query (`_walk_in_one_query`), and its result is kept:
`RouteCacheMiddleware` remembers where the routing led, per site, language and
path, and the page it led to, until the content version changes (any page published, moved,
renamed or deleted; see `campaign_site.cache.versions`), and on the next request lets that
page route the rest of the path itself (sub-pages of routable pages, the "live" check).
What Wagtail then sees is its own per-request route (`route_for_request` keeps it on the
request), so everything downstream is unchanged.

This relies on routing depending on the path, site and language only, as Wagtail's and
`RoutablePageMixin`'s do. A page type whose `route()` looked at anything else (the user, a
query parameter) would have to be left out here.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from .versions import cached

# Wagtail has no public way to hand it a site or a route it did not look up itself: it keeps
# what `Site.find_for_request` and `Page.route_for_request` found in these request
# attributes and reads them back on the next call (Wagtail 7.4, wagtail/models/sites.py
# and wagtail/models/pages.py). Only this module touches them;
# tests/campaign_site/test_wagtail_internals.py fails if Wagtail stops reading them.
WAGTAIL_SITE_ATTRIBUTE = "_wagtail_site"
WAGTAIL_ROUTE_ATTRIBUTE = "_wagtail_route_for_request"
# And, from `Page._get_site_root_paths`, the site root paths it read for this request.
WAGTAIL_ROOT_PATHS_ATTRIBUTE = "_wagtail_cached_site_root_paths"

# Set on the page routed to: False when it can have no view restriction (`_routed_page`), so
# that whoever reads them for Wagtail's check (`home.models.seo`) need not ask the database.
# Restrictions are content: a change renews the route and the page kept with it.
MAY_BE_RESTRICTED = "may_be_restricted"


def find_site(request):
    """The request's site, as `Site.find_for_request` finds it, kept until content changes."""
    if not hasattr(request, WAGTAIL_SITE_ATTRIBUTE):
        try:
            key = f"site:{request.get_host()}:{request.get_port()}"
        except Exception:  # a host Django refuses: Wagtail deals with it as usual
            return None
        site = cached(key, lambda: Site.find_for_request(request), request=request)
        setattr(request, WAGTAIL_SITE_ATTRIBUTE, site)
    return getattr(request, WAGTAIL_SITE_ATTRIBUTE)


def route(request, path):
    """Set Wagtail's route for `path` (the argument of its serve view) on the request."""
    site = find_site(request)
    if site is None:
        return
    components = [component for component in path.split("/") if component]
    # Hashed, and only the page's own levels kept: a path may carry a visitor's secret
    # (the token of a registration link), which must not end up in the cache.
    digest = hashlib.sha256("/".join(components).encode()).hexdigest()
    key = f"route:{site.pk}:{translation.get_language()}:{digest}"
    found = cached(
        key,
        lambda: _where_wagtail_routes(request, site, path, components),
        request=request,
        keep_none=False,  # unknown paths (a 404) are not worth remembering
    )
    if found is None:
        return  # no page: Wagtail answers as it would
    content_type_id, page_id, own_levels = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return
    # The page itself, kept like the route: every change to a page changes the content
    # version. Each request unpickles its own copy, so nothing it sets on the page leaks.
    page = cached(
        f"routed-page:{page_id}",
        lambda: _routed_page(model, page_id),
        request=request,
        keep_none=False,
    )
    if page is None:
        return
    try:
        found_route = page.route(request, components[own_levels:])
    except Http404:
        found_route = None
    setattr(request, WAGTAIL_ROUTE_ATTRIBUTE, found_route)


def _routed_page(model, page_id):
    """The page, with its own images, and whether it may have view restrictions: it has not
    when neither it nor an ancestor has one or is an alias (whose source's would count);
    asked in the same query, so that checking them (`MAY_BE_RESTRICTED`) takes none."""

    def on_its_trail(path):  # `path` (a tree path) is the routed page's or an ancestor's
        return Substr(OuterRef("path"), 1, Length(path))

    restricted = PageViewRestriction.objects.filter(page__path=on_its_trail("page__path"))
    aliases = Page.objects.filter(alias_of__isnull=False, path=on_its_trail("path"))
    page = (
        model.objects.select_related(*_image_fields(model))
        .annotate(restricted_on_trail=Exists(restricted), alias_on_trail=Exists(aliases))
        .filter(pk=page_id)
        .first()
    )
    if page is not None:
        setattr(page, MAY_BE_RESTRICTED, page.restricted_on_trail or page.alias_on_trail)
    return page


def _image_fields(model):
    """The page's own images (hero, social image…), fetched with it: its template shows them."""
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is image_model
    ]


def _where_wagtail_routes(request, site, path, components):
    """(content type, page, levels of the path that are the page's own) for `path`, or None
    when Wagtail would answer 404."""
    found = _walk_in_one_query(request, site, components)
    if found is not _UNSURE:
        return found
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    # Forgotten again, so that this request, too, takes the page from the cache below (and
    # puts it there for the next one).
    delattr(request, WAGTAIL_ROUTE_ATTRIBUTE)
    page = result[0]
    return (page.content_type_id, page.pk, page.depth - site.root_page.depth)


_UNSURE = object()
_ROUTE_FIELDS = ("pk", "url_path", "live", "content_type_id")


def site_root_paths(request):
    """Wagtail's `Site.get_site_root_paths()` for this request, read once and kept where
    Wagtail keeps it: every page's URL (`Page.get_url_parts`) reads them too."""
    if not hasattr(request, WAGTAIL_ROOT_PATHS_ATTRIBUTE):
        setattr(request, WAGTAIL_ROOT_PATHS_ATTRIBUTE, Site.get_site_root_paths())
    return getattr(request, WAGTAIL_ROOT_PATHS_ATTRIBUTE)


def _walk_in_one_query(request, site, components):
    """Wagtail's walk down the tree (one level after the other, two queries each), taken in
    one query: every page whose URL is the root's URL in the active language (from the
    site's root paths, which the page's own URL needs anyway) or a prefix of the path.
    The walk itself follows Wagtail's rules: a live routable page answers the rest of the
    path with its own routes before its children are looked at; any other page passes it
    to the child with the next slug, and is the answer when the path ends with it (if
    live). `_UNSURE` when a page routes in a way of its own, or the root is not where the
    root paths say (they are Wagtail's, kept in its cache): Wagtail then walks as usual."""
    language = get_supported_content_language_variant(translation.get_language())
    root_path = next(
        (
            root.root_path
            for root in site_root_paths(request)
            if root.site_id == site.pk and root.language_code == language
        ),
        None,
    )
    if root_path is None:
        return _UNSURE
    prefixes = [root_path + "".join(f"{c}/" for c in components[:n]) for n in
                range(len(components) + 1)]  # fmt: skip
    slugs = {prefix.rstrip("/").rsplit("/", 1)[-1] for prefix in prefixes}
    # By slug first: indexed, unlike the URL path.
    chain = {
        page["url_path"]: page
        for page in Page.objects.filter(slug__in=slugs, url_path__in=prefixes).values(
            *_ROUTE_FIELDS
        )
    }
    page = chain.get(root_path)
    if page is None or not page["live"]:
        return _UNSURE
    for level in range(len(components) + 1):
        model = ContentType.objects.get_for_id(page["content_type_id"]).model_class()
        if model is None:
            return _UNSURE
        if model.route is RoutablePageMixin.route:
            rest = "/" + "".join(f"{c}/" for c in components[level:])
            if page["live"] and _resolves(model, rest):
                return (page["content_type_id"], page["pk"], level)
        elif model.route is not Page.route:
            return _UNSURE
        if level == len(components):
            return (page["content_type_id"], page["pk"], level) if page["live"] else None
        page = chain.get(page["url_path"] + components[level] + "/")
        if page is None:
            return None
    return None


def _resolves(model, path):
    try:
        model.get_resolver().resolve(path)
    except Http404:
        return False
    return True


class RouteCacheMiddleware(MiddlewareMixin):
    """Find the page of a Wagtail URL from the route remembered for it (`route`)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name == "wagtail_serve":
            route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        return None
