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


class KeptNode(template.Node):
    def __init__(self, key, nodelist):
        self.key = key
        self.nodelist = nodelist

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        rendered = []

        def render_now():
            rendered.append(self.nodelist.render(context))
            # An image whose file is missing shows as "not found": not kept, as in image_tags.
            return None if "not-found" in rendered[0] else rendered[0]

        html = cached(
            f"kept:{key}:images-{dependency_version(IMAGES_VERSION_KEY)}",
            render_now,
            request=context.get("request"),
            keep_none=False,
        )
        return html if html is not None else rendered[0]


@register.tag("kept")
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept %} takes one key: {% kept key %}")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(parser.compile_filter(bits[1]), nodelist)
