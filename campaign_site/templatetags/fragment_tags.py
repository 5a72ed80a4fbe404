"""`{% kept key %}…{% endkept %}`: a part of a template rendered once and then kept, for as
long as content and images stay as they are.

For parts that cost more than the rest of the page and depend on nothing but content, their
images and `key`: one page of a filtered listing with its filter menus, for visitors the page
cache does not serve (anyone with a session, editors). The key names everything else the
part shows (the listing page, the filters and page number asked for); the content version
and the images' version are added to it (`campaign_site.cache.cached`). A preview is never
kept. An empty key renders the part as it is.
"""

from django import template

from ..cache import cached
from ..cache.versions import IMAGES_VERSION_KEY, dependency_version

register = template.Library()


def kept_html(key, render, request, follows=None):
    """`render()`'s HTML kept under `key` (see `cached`), unless it shows an image whose
    file is missing ("not found"): that is rendered again until the file is back."""
    rendered = []

    def render_now():
        rendered.append(render())
        return None if "not-found" in rendered[0] else rendered[0]

    html = cached(key, render_now, request=request, keep_none=False, follows=follows)
    return html if html is not None else rendered[0]


class KeptNode(template.Node):
    def __init__(self, key, nodelist):
        self.key = key
        self.nodelist = nodelist

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        return kept_html(
            f"kept:{key}:images-{dependency_version(IMAGES_VERSION_KEY)}",
            lambda: self.nodelist.render(context),
            context.get("request"),
        )


@register.tag("kept")
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept %} takes one key: {% kept key %}")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(parser.compile_filter(bits[1]), nodelist)
