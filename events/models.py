import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock
from home.models import CampaignPage


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name like Europe/Berlin."),
            params={"value": value},
        )


class EventIndexPage(CampaignPage):
    """Lists the campaign's events."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = CampaignPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = (
            EventPage.objects.child_of(self).live().public().order_by("start").defer_streamfields()
        )
        return context


def upcoming_events(locale, limit):
    """The next live, public events in `locale` that have not ended yet, soonest first."""
    now = timezone.now()
    return list(
        EventPage.objects.live()
        .public()
        .filter(locale=locale)
        .annotate(ends=Coalesce("end", "start"))
        .filter(ends__gte=now)
        .order_by("start", "pk")
        .defer_streamfields()[:limit]
    )


def event_index_for(locale):
    return EventIndexPage.objects.live().filter(locale=locale).first()


class EventPage(CampaignPage):
    """One event of the campaign, e.g. a side event at the ECOSOC Partnership Forum."""

    teaser = models.TextField(
        _("teaser"), blank=True, help_text=_("One or two sentences for listings and previews.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_(
            "Where the event takes place, e.g. America/New_York for an event at UN "
            "Headquarters. Times are shown to visitors in this zone."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = CampaignPage.content_panels + [
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Date and time"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    # Dates and places in time are the same event in every language.
    override_translatable_fields = [SynchronizedField("time_zone")]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
