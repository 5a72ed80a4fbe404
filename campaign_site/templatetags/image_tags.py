"""Wagtail's `{% image %}`, `{% srcset_image %}` and `{% picture %}`, with their HTML kept until
the image changes.

On every call Wagtail parses the filters, reads each rendition from its cache and writes it
back: for a list of cards with six renditions each, that was half the time of a page. The
HTML for one image, filters and attributes only changes when the image changes, which
renews the images' version (see `campaign_site.cache`): the HTML outlives a publish of the
pages that show it. Load this library instead of `wagtailimages_tags`; the tags take the
same arguments.
"""

import hashlib

from django import template

from wagtail.images.templatetags import wagtailimages_tags as wagtail

from ..cache.versions import IMAGES_VERSION_KEY
from .fragment_tags import kept_html

register = template.Library()


class KeptImageNode(template.Node):
    """Wagtail's own node for the tag, rendered by Wagtail, with its HTML kept.

    Wraps the node Wagtail's parser built (so parsing and error messages stay Wagtail's) and
    reads only what that node is built from: its filter specs, attributes and output name.
    tests/campaign_site/test_image_tags.py fails if Wagtail renames them.
    """

    def __init__(self, node):
        self.node = node

    def render(self, context):
        node = self.node
        if node.output_var_name:  # `{% picture ... as picture %}`: nothing to keep
            return node.render(context)
        image = node.validate_image(context)
        if not image:
            return ""
        attributes = sorted(
            (name, str(value.resolve(context))) for name, value in node.attrs.items()
        )
        digest = hashlib.sha256(
            repr((type(node).__name__, node.filter_specs, attributes)).encode()
        ).hexdigest()[:32]
        # A missing source file gives a "not found" image: kept_html keeps trying until it
        # is back.
        return kept_html(
            f"image-html:{image.pk}:{digest}",
            lambda: node.render(context),
            context.get("request"),
            follows=IMAGES_VERSION_KEY,
        )


def image(parser, token):
    # Wagtail's one parser serves its three tags, choosing the node by the tag's name.
    return KeptImageNode(wagtail.image(parser, token))


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
