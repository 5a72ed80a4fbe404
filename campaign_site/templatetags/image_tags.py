"""Wagtail's `{% image %}`, `{% srcset_image %}` and `{% picture %}`, with their HTML kept until
content changes.

On every call Wagtail parses the filters, reads each rendition from its cache and writes it
back: for a list of cards with six renditions each, that was half the time of a page. The
HTML for one image, filters and attributes only changes when the image changes, which
changes the content version (see `campaign_site.cache`). Load this library instead of
`wagtailimages_tags`; the tags take the same arguments.
"""

import hashlib

from django import template

from wagtail.images.templatetags import wagtailimages_tags as wagtail

from ..cache import cached

register = template.Library()


class KeptHTML:
    def render(self, context):
        if self.output_var_name:  # `{% picture ... as picture %}`: nothing to keep
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        attributes = sorted(
            (name, str(value.resolve(context))) for name, value in self.attrs.items()
        )
        digest = hashlib.sha256(
            repr((type(self).__name__, self.filter_specs, attributes)).encode()
        ).hexdigest()[:32]
        rendered = []

        def render_now():
            rendered.append(super(KeptHTML, self).render(context))
            # A missing source file gives a "not found" image: keep trying until it is back.
            return None if "not-found" in rendered[0] else rendered[0]

        html = cached(
            f"image-html:{image.pk}:{digest}",
            render_now,
            request=context.get("request"),
            keep_none=False,
        )
        return html if html is not None else rendered[0]


class ImageNode(KeptHTML, wagtail.ImageNode):
    pass


class SrcsetImageNode(KeptHTML, wagtail.SrcsetImageNode):
    pass


class PictureNode(KeptHTML, wagtail.PictureNode):
    pass


KEPT = {
    wagtail.ImageNode: ImageNode,
    wagtail.SrcsetImageNode: SrcsetImageNode,
    wagtail.PictureNode: PictureNode,
}


def image(parser, token):
    node = wagtail.image(parser, token)  # Wagtail's own parsing and error messages
    node.__class__ = KEPT[type(node)]
    return node


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
