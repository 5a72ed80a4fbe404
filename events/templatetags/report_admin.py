"""Template tags of the admin's reports: the live stakeholder mix of an event."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..reports import event_figures, mix_chart

register = template.Library()


@register.simple_tag
def live_mix(event):
    """The stakeholder mix of `event` as it stands (confirmed, waiting, attended per group),
    as a chart with its table, and a link to the event's report."""
    chart = mix_chart(
        event_figures(event),
        chart_id=f"live-mix-{event.pk}",
        title=_("Stakeholder mix: %(event)s") % {"event": event.title},
    )
    return format_html(
        '<section class="nice-padding w-mt-4" aria-labelledby="live-mix-heading" data-live-mix>'
        '<h2 id="live-mix-heading" class="w-h3">{}</h2>{}<p><a href="{}">{}</a></p></section>',
        _("Stakeholder mix"),
        chart,
        reverse("events_desk_report", args=[event.pk]),
        _("Report and export of this event's figures"),
    )
