"""Admin: an "Events" listing with start date and format, for finding events quickly."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import EventPage


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = _("Events")
    menu_order = 150
    add_to_admin_menu = True
    columns = PageListingViewSet.columns + [
        Column(
            "start_date",
            label=_("Start date"),
            accessor=lambda page: date_format(page.start_date, "DATE_FORMAT"),
            sort_key="start_date",
        ),
        Column("format", label=_("Format"), accessor="get_format_display", sort_key="format"),
    ]


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet("events")
