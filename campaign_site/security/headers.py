"""Security headers for every response.

Public pages get a strict Content-Security-Policy: no inline script, no inline style, no
nonce. Without a nonce the policy is the same for every visitor, so a page served from the
anonymous page cache needs nothing replaced (JSON-LD blocks are data, not scripts: the
browser never runs them, so `script-src` does not apply to them). The Wagtail admin
(`ADMIN_PATH_PREFIXES`) relies on inline scripts and styles and gets a looser policy of its
own. Framing is refused (`frame-ancestors 'none'`, `X-Frame-Options: DENY`) except for the
responses Wagtail marks `X-Frame-Options: SAMEORIGIN`: its previews, shown in a frame of
the admin (the preview panel, and the checks panel that reads the page from that frame).

Wagtail renders a preview by running the page through the whole middleware chain a second
time, as a request for the page's public URL (`make_preview_request`). That inner pass
already sets the public policy, `frame-ancestors 'none'` included; the preview view marks
the response `SAMEORIGIN` only afterwards. So the frame-ancestors directive follows the
final `X-Frame-Options` here, whichever pass wrote the policy: the preview keeps the public
page's policy (it shows what visitors will get) and may be framed by the site itself.
"""

from csp.middleware import CSPMiddleware

from django.conf import settings

from .documents import keep_private_documents_private


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the public or the admin policy; adds Permissions-Policy
    and keeps private documents out of shared caches."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            allow_framing_by_the_site(response)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return keep_private_documents_private(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
            parts.config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif parts.config is None and uses_userbar(request):
            # The userbar's accessibility checker (axe) compiles its messages at run time.
            parts.update = {**(parts.update or {}), "script-src": ["'unsafe-eval'"]}
        return parts


def allow_framing_by_the_site(response):
    """Set `frame-ancestors 'self'` in the response's policy, keeping its other directives."""
    header = response.get("Content-Security-Policy")
    if not header:
        return
    directives = [part.strip() for part in header.split(";") if part.strip()]
    directives = [part for part in directives if part.split()[0].lower() != "frame-ancestors"]
    response["Content-Security-Policy"] = "; ".join([*directives, "frame-ancestors 'self'"])


def uses_userbar(request):
    """Whether the page shows Wagtail's userbar: to people who may use the admin."""
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )
