"""Small builders for test content: pages under the demo tree, images, partners."""

import datetime
import io
import zoneinfo

from PIL import Image as PillowImage

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from insights.models import InsightIndexPage, InsightPage


def locale(code):
    return Locale.objects.get(language_code=code)


def event_index(language="de"):
    return EventIndexPage.objects.get(locale__language_code=language)


def insight_index(language="de"):
    return InsightIndexPage.objects.get(locale__language_code=language)


def make_event(title, start=None, *, language="de", live=True, end=None, **fields):
    """An event page under the demo event index of `language`, published unless live=False.

    `start` and `end` are aware datetimes; they become the local date and time in the
    event's time zone (Europe/Berlin unless `time_zone` is given).
    """
    zone = zoneinfo.ZoneInfo(fields.setdefault("time_zone", "Europe/Berlin"))
    start = (start or timezone.now() + datetime.timedelta(days=30)).astimezone(zone)
    fields.setdefault("format", "online")
    fields["start_date"], fields["start_time"] = start.date(), start.time().replace(microsecond=0)
    if end is not None:
        end = end.astimezone(zone)
        fields["end_date"] = end.date() if end.date() != start.date() else None
        fields["end_time"] = end.time().replace(microsecond=0)
    parent = event_index(language)
    event = EventPage(title=title, **fields)
    parent.add_child(instance=event)
    if live:
        event.save_revision().publish()
    else:
        event.live = False
        event.save()
    return event


def make_insight(title, publication_date=None, *, language="de", live=True, **fields):
    """An insight page under the demo insight index of `language`."""
    parent = insight_index(language)
    insight = InsightPage(
        title=title, publication_date=publication_date or timezone.localdate(), **fields
    )
    parent.add_child(instance=insight)
    if live:
        insight.save_revision().publish()
    else:
        insight.live = False
        insight.save()
    return insight


def make_image(title="Test image", width=1200, height=800, colour="#26BDE2", description=""):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    image = get_image_model()(title=title, description=description)
    image.file = ImageFile(buffer, name="test.png")
    image.save()
    return image
