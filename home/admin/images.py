"""The image form staff fill in: Wagtail's "description" is the text screen readers read out
and the `{% image %}` tag writes into `alt`, so the form calls it that and says how to write it.

Set as `WAGTAILIMAGES_IMAGE_FORM_BASE`; every image form (edit, upload, multiple upload,
the chooser's upload) is built on it.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = _("Alternative text (description)")
            self.fields["description"].help_text = _(
                "What the image shows, for people who cannot see it: screen readers read it "
                "out and it appears when the image does not load. One sentence, e.g. “Panel "
                "of four speakers at the partnership forum in Bonn”. Leave empty only for "
                "decorative images."
            )
