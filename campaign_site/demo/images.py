"""Images for the demo, drawn here so the demo needs no downloads and no rights."""

import io
import math

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from home.reference_data import SDGS


def sdg_ring(width=1600, height=900):
    """A ring of 17 segments in the goals' colours on a calm background, as PNG bytes."""
    canvas = PillowImage.new("RGB", (width, height), "#f4f6f8")
    draw = ImageDraw.Draw(canvas)
    centre_x, centre_y = width * 0.5, height * 0.5
    outer, inner = height * 0.42, height * 0.27
    step = 360 / len(SDGS)
    for index, (_number, colour, *_names) in enumerate(SDGS):
        start = -90 + index * step + 0.8
        end = start + step - 1.6
        draw.pieslice(
            [centre_x - outer, centre_y - outer, centre_x + outer, centre_y + outer],
            start,
            end,
            fill=colour,
        )
    draw.ellipse(
        [centre_x - inner, centre_y - inner, centre_x + inner, centre_y + inner], fill="#f4f6f8"
    )
    # Four linked circles in the middle: the organisers working together.
    radius = inner * 0.28
    for i in range(4):
        angle = math.radians(45 + 90 * i)
        x = centre_x + math.cos(angle) * radius * 1.1
        y = centre_y + math.sin(angle) * radius * 1.1
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline="#19486A", width=6)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_image(title, description, draw=sdg_ring, filename="campaign.png"):
    """The demo image with this title, created once."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, description=description)
        image.file = ImageFile(io.BytesIO(draw()), name=filename)
        image.save()
    return image
