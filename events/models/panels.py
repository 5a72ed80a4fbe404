"""What the event page shows of its fields: to editors (the panels of the edit form), to
partners (the API's fields) and to translators (the fields every language shares)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail_localize.fields import SynchronizedField

from home.models import CampaignPage

from ..api import EventMomentField
from ..timing import time_zone_choices

CONTENT_PANELS = CampaignPage.content_panels + [
    FieldPanel("teaser"),
    FieldPanel("image"),
    FieldPanel("occasion"),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
            FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
            FieldPanel("event_status"),
        ],
        heading=_("Date and time"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("format"),
            FieldPanel("venue_name"),
            FieldPanel("venue_address"),
            FieldRowPanel([FieldPanel("venue_postal_code"), FieldPanel("venue_city")]),
            FieldRowPanel([FieldPanel("venue_region"), FieldPanel("venue_country")]),
            FieldPanel("venue_country_code"),
        ],
        heading=_("Format and place"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("online_url"),
            FieldPanel("access_details"),
            FieldPanel("join_details_release"),
            FieldPanel("reminders"),
            FieldPanel("notify_registrants"),
        ],
        heading=_("For registrants"),
    ),
    FieldPanel("registration"),
    FieldPanel("body"),
    FieldPanel("agenda"),
    InlinePanel("speakers", heading=_("Speakers"), label=_("speaker")),
    MultiFieldPanel(
        [FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")
    ),
    MultiFieldPanel(
        [
            FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
            FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
            FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            FieldPanel("stakeholder_groups", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Organisers and tags"),
    ),
    FieldPanel("outputs"),
    MultiFieldPanel(
        [FieldPanel("follow_up_after"), FieldPanel("feedback")],
        heading=_("After the event"),
    ),
]

# What partners may reuse through the API: what the public page shows. Never the
# registration settings, the joining details or anything about the people who registered.
API_FIELDS = [
    APIField("teaser"),
    APIField("occasion"),
    # In the event's own zone like its page, JSON-LD and calendar file; and in UTC.
    APIField("starts_at", serializer=EventMomentField("starts_at")),
    APIField("ends_at", serializer=EventMomentField("ends_at")),
    APIField("starts_at_utc", serializer=EventMomentField("starts_at", utc=True)),
    APIField("ends_at_utc", serializer=EventMomentField("ends_at", utc=True)),
    APIField("start_date"),
    APIField("start_time"),
    APIField("end_date"),
    APIField("end_time"),
    APIField("time_zone"),
    APIField("format"),
    APIField("venue_name"),
    APIField("venue_address"),
    APIField("venue_city"),
    APIField("venue_country"),
    APIField("contact_name"),
    APIField("contact_email"),
    APIField("organiser_names"),
    APIField("sdg_numbers"),
    APIField("region_names"),
    APIField("topic_names"),
    APIField("stakeholder_group_names"),
    APIField("body"),
    APIField("agenda"),
    APIField("outputs"),
]

# Dates, place and tags are the same event in every language; only words are translated.
SYNCHRONISED_FIELDS = [
    SynchronizedField("time_zone"),
    SynchronizedField("event_status", overridable=False),
    SynchronizedField("online_url", overridable=False),
    # Rooms and codes are the same for every reader, and never go to a machine translator.
    SynchronizedField("access_details", overridable=False),
    SynchronizedField("join_details_release", overridable=False),
    SynchronizedField("reminders", overridable=False),
    SynchronizedField("notify_registrants", overridable=False),
    SynchronizedField("follow_up_after", overridable=False),
    SynchronizedField("venue_postal_code"),
    SynchronizedField("venue_region"),
    SynchronizedField("venue_country_code"),
    SynchronizedField("contact_name"),
    SynchronizedField("organisers"),
    SynchronizedField("sdgs"),
    SynchronizedField("regions"),
    SynchronizedField("topics"),
    SynchronizedField("stakeholder_groups"),
]


__all__ = [
    "API_FIELDS",
    "CONTENT_PANELS",
    "SYNCHRONISED_FIELDS",
]
