"""The event page: what, when, where, who, and its registration."""

from django_countries.fields import CountryField

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField

from campaign_site.cache import cached
from home.blocks import BodyBlock
from home.localization import active_locale, chosen_in_language, localized_all
from home.models import CampaignPage
from home.models.taxonomies import TagNames, tag_field

from ..blocks import AgendaBlock, OutputsBlock, RegistrationBlock
from ..feedback.blocks import FeedbackFormBlock
from ..feedback.follow_up import FOLLOW_UP_CHOICES
from ..page_form import EventPageForm
from ..registration.context import registration_context, registration_preview_context
from ..registration.setup import places_version_key, registration_setup
from ..timing import JOIN_DETAILS_RELEASE_CHOICES, EventTime
from .choices import EventFormat, EventStatus, default_reminders, validate_time_zone
from .panels import API_FIELDS, CONTENT_PANELS, SYNCHRONISED_FIELDS
from .routes import EventPageRoutes


class EventPage(TagNames, EventPageRoutes, RoutablePageMixin, CampaignPage):
    """One event of the campaign, e.g. a side event at the ECOSOC Partnership Forum."""

    teaser = models.TextField(
        _("teaser"), blank=True, help_text=_("One or two sentences for listings and previews.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the event's card in listings. Optional."),
    )
    occasion = models.CharField(
        _("occasion"),
        max_length=200,
        blank=True,
        help_text=_("The larger event this one belongs to, e.g. “ECOSOC Partnership Forum 2023”."),
    )
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time where the event takes place. Leave empty for all-day events."),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for events over several days.")
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Leave empty for an open end.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Berlin",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. America/New_York for UN Headquarters."),
    )
    # The exact instants, computed from the local fields on save (for ordering and filters).
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("street address"), max_length=200, blank=True)
    venue_city = models.CharField(_("city"), max_length=120, blank=True)
    venue_country = models.CharField(_("country"), max_length=120, blank=True)
    # Search engines and maps want the address in parts and the country as a code, the same
    # in every language: these are synchronised, the words above are translated.
    venue_postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    venue_region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        help_text=_("The state or province, where addresses name one (e.g. NY)."),
    )
    venue_country_code = CountryField(
        _("country for search engines"),
        blank=True,
        help_text=_("Search engines read the country from here, the same in every language."),
    )
    # Joining details are for confirmed registrants only: never on the public page, in
    # calendars, JSON-LD, the API, feeds or search (see events.registration.joining).
    online_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_(
            "Where to join online (video conference link). Never shown publicly: confirmed "
            "registrants get it by email and on their personal registration page."
        ),
    )
    access_details = models.TextField(
        _("access details for registrants"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Optional: room, entry code, meeting ID or dial-in number. Sent with the join "
            "link to confirmed registrants only, the same in every language."
        ),
    )
    join_details_release = models.PositiveSmallIntegerField(
        _("send joining details"),
        choices=JOIN_DETAILS_RELEASE_CHOICES,
        default=0,
        help_text=_(
            "When confirmed registrants get the join link and access details. A link added "
            "or changed later is sent to everyone confirmed."
        ),
    )
    reminders = models.JSONField(
        _("reminders"),
        default=default_reminders,
        blank=True,
        help_text=_(
            "Emails to confirmed registrants before the start, in their language. Untick "
            "all to send none."
        ),
    )
    event_status = models.CharField(
        _("event status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Shown on the page and in calendars. Registrants are told when you publish a change."
        ),
    )
    # RFC 5545 SEQUENCE of the event's calendar entry: raised with each published change of
    # date, time, place, format, join link or status, so calendars replace the entry.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # The date and time before the start last moved (events.registration.changes), so
    # search engines learn that the event was rescheduled; empty until then.
    previous_timing = models.JSONField(default=list, blank=True, editable=False)
    # Read when a change is published (the choice travels with the revision through review);
    # the form starts ticked at every edit, so a typo fix does not silence the next change.
    notify_registrants = models.BooleanField(_("tell registrants about this change"), default=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    organisers = tag_field("home.Partner", _("organisers"))
    sdgs = tag_field("home.SustainableDevelopmentGoal", _("SDGs"))
    regions = tag_field("home.Region", _("regions"))
    topics = tag_field("home.Topic", _("topics"))
    stakeholder_groups = tag_field("home.StakeholderGroup", _("stakeholder groups"))

    registration = StreamField(
        RegistrationBlock(),
        verbose_name=_("registration"),
        blank=True,
        help_text=_(
            "Registration settings (dates, places, questions) are set on the German page and "
            "apply to every language version."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    outputs = StreamField(
        OutputsBlock(),
        verbose_name=_("outputs"),
        blank=True,
        help_text=_("Shown once the event is over: summary, documents, recording."),
    )
    # After the event (events.feedback): one email with the outputs and the feedback form.
    follow_up_after = models.PositiveSmallIntegerField(
        _("follow-up email"),
        choices=FOLLOW_UP_CHOICES,
        default=24,
        help_text=_(
            "After the end, participants get one email in their language with the outputs "
            "and the link to the feedback form (if it has questions)."
        ),
    )
    feedback = StreamField(
        FeedbackFormBlock(),
        verbose_name=_("feedback form"),
        blank=True,
        help_text=_(
            "A few questions for participants after the event. Their answers feed the "
            "learnings dashboard and the study."
        ),
    )

    content_panels = CONTENT_PANELS

    # The reminders as ticks (events.page_form).
    base_form_class = EventPageForm
    # A copy is another event: its calendar entry starts anew and it was never rescheduled.
    exclude_fields_in_copy = ["calendar_sequence", "previous_timing"]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    api_fields = API_FIELDS

    override_translatable_fields = SYNCHRONISED_FIELDS

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # --- preview: the page, and its registration block in each state ----------------------

    @property
    def preview_modes(self):
        return [
            ("", _("Event page")),
            ("registration-open", _("Registration open")),
            ("registration-full", _("Registration fully booked")),
            ("registration-closed", _("Registration closed")),
        ]

    def serve_preview(self, request, mode_name):
        self._preview_registration_state = mode_name.removeprefix("registration-") or None
        return super().serve_preview(request, mode_name)

    # --- time -----------------------------------------------------------------------------

    @property
    def timing(self):
        """The event's dates and times in its own time zone (see `events.timing`)."""
        return EventTime(
            self.start_date, self.start_time, self.end_date, self.end_time, self.time_zone
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end must not be before the start.")
        elif self.end_time and not self.start_time:
            errors["end_time"] = _("An end time needs a start time.")
        elif (
            self.start_date
            and self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The end must not be before the start.")
        if self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not (
            self.venue_name and self.venue_city
        ):
            message = _("An event in person or hybrid needs a venue and a city.")
            if not self.venue_name:
                errors["venue_name"] = message
            if not self.venue_city:
                errors["venue_city"] = message
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.start_date:
            self.starts_at = self.timing.starts_at()
            self.ends_at = self.timing.ends_at()
        return super().save(*args, **kwargs)

    def state(self, now=None):
        """ "upcoming", "ongoing" or "past", by the clock."""
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        if now < self.ends_at:
            return "ongoing"
        return "past"

    @property
    def status_notice(self):
        """What the page says by its title when the event does not take place as announced
        ("" when it does)."""
        return {
            EventStatus.POSTPONED: _("Postponed – a new date will follow"),
            EventStatus.CANCELLED: _("This event has been cancelled"),
        }.get(self.event_status, "")

    @property
    def status_badge(self):
        """The status in a word, for cards in listings ("" for an event as announced)."""
        return {
            EventStatus.POSTPONED: pgettext_lazy("event status", "Postponed"),
            EventStatus.CANCELLED: pgettext_lazy("event status", "Cancelled"),
        }.get(self.event_status, "")

    @property
    def is_in_person(self):
        """Whether people meet at the venue (in person or hybrid)."""
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def meeting_city(self):
        """The city where people meet, for cards and lists ("" for an event only online)."""
        return self.venue_city if self.is_in_person else ""

    @property
    def is_online(self):
        """Whether people can take part online (online or hybrid)."""
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    # --- the page cache --------------------------------------------------------------------

    cache_for_visitors = True

    def page_cache_policy(self, request):
        """A kept view follows the event's places, and ends when the event starts or ends or
        its registration opens or closes."""
        now = timezone.now()
        moments = [self.starts_at, self.ends_at]
        depends_on = ()
        setup = registration_setup(self)
        if setup is not None:
            moments += [setup.opens_at, setup.closes_at]
            if setup.kind == "on_site":
                depends_on = (places_version_key(self.translation_key),)
        ahead = [moment for moment in moments if moment and moment > now]
        return depends_on, min(ahead) if ahead else None

    # --- display --------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        """The page's context: its state, its relations in the page's language, and its
        registration block (as previewed, or as it is now unless a view already set it)."""
        context = super().get_context(request, *args, **kwargs)
        context["state"] = self.state()
        # Who and what the event is about, in the page's language: the same until content
        # changes, so cached (see campaign_site.cache) rather than read on every view.
        built = []

        def build():
            built.append(True)
            return self._relations_in_language()

        context.update(
            cached(
                f"event-relations:{self.pk}:{translation.get_language()}", build, request=request
            )
        )
        if built:
            # Built afresh, so most likely are the head and the JSON-LD, which need renditions
            # of the sharing image: read at once. Only now, after the relations were cached,
            # so that none is kept with them.
            image = self.get_social_image(request)
            if image is not None:
                prefetch_related_objects([image], "renditions")
        preview_state = getattr(self, "_preview_registration_state", None)
        if preview_state:
            context.update(registration_preview_context(self, request, preview_state))
        elif "registration_setup" not in context:
            context.update(registration_context(self, request))
        return context

    def _relations_in_language(self):
        # Each kind of tag with its translations in the page's language: one query each.
        locale = active_locale()
        return {
            "organisers_in_language": chosen_in_language(
                self.organisers, locale, select_related=["logo"]
            )[1],
            "sdgs_in_language": chosen_in_language(self.sdgs, locale)[1],
            "regions_in_language": chosen_in_language(self.regions, locale)[1],
            "topics_in_language": chosen_in_language(self.topics, locale)[1],
            "stakeholder_groups_in_language": chosen_in_language(self.stakeholder_groups, locale)[
                1
            ],
            "speakers_in_language": localized_all(
                [speaker.person for speaker in self.speakers.select_related("person__photo")],
                select_related=["photo"],
            ),
            "related_insights": self.related_insights(),
        }

    def related_insights(self):
        """Insights that name this event ("learnings from this event"), newest first.

        Filled through the reverse relation of the insights app, if it provides one.
        """
        relation = getattr(self, "insight_links", None)
        if relation is None:
            return []
        # Insights are linked to the source event; find those about any of its translations
        # that are written in this page's language, and that anyone may read (a private
        # insight's title is not for every visitor of the event).
        readable = relation.model._meta.get_field("insight").related_model.objects.live().public()
        links = relation.model.objects.filter(
            event__translation_key=self.translation_key,
            insight__locale=self.locale,
            insight__in=readable,
        )
        return [
            link.insight
            for link in links.select_related("insight").order_by("-insight__first_published_at")
        ]

    # --- API: tags as the words the page shows, in its language ----------------------------

    def organiser_names(self):
        """The organisers' names in the page's language."""
        return self.names_in_language(self.organisers)


__all__ = ["EventPage"]
