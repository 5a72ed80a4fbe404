"""The desk of one event (counts, registrations, actions, exports) and the list of all
events with their desks."""

from django.db.models import Count
from django.http import Http404, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.models import IndexView

from home.localization import default_locale

from .. import admin_views
from ..models import EventPage, Registration
from ..registration.display import (
    answer_text,
    language_name,
    needs_text,
    on_site_questions,
    stakeholder_group_names,
)
from ..registration.services import OverCapacity
from ..registration.setup import registration_setup, source_version
from ..timing import describe_instant
from .access import CHANGE, EXPORT, REASONS, VIEW, forbidden, may_use_desk, refusing, require
from .filters import filterset_for
from .messages import desk_messages

STATUSES = [status for status, _label in Registration.Status.choices]
# Parameters of a listing request that are not part of the filtered list itself.
NOT_FILTERS = ("p", "_w_filter_fragment", "format")


BREAKDOWN_COLUMNS = {"offered": "open", "pending": "open", "cancelled": "ended", "expired": "ended"}
COLUMNS = [*STATUSES, "open", "ended"]


def breakdown(event_key):
    """Registrations of an event by status: in total, per language, per stakeholder group."""
    rows = (
        Registration.objects.filter(event_key=event_key)
        .values("status", "language", "stakeholder_group")
        .annotate(number=Count("pk"))
        .order_by()
    )
    totals = dict.fromkeys(STATUSES, 0)
    languages, groups = {}, {}
    labels = stakeholder_group_names()

    def add(numbers, status, number):
        numbers[status] += number
        # The tables' columns: a place offered or an address not confirmed yet is still
        # open; a lapsed registration ended like a cancelled one.
        if status in BREAKDOWN_COLUMNS:
            numbers[BREAKDOWN_COLUMNS[status]] += number

    for row in rows:
        status, number = row["status"], row["number"]
        totals[status] += number
        language = language_name(row["language"])
        add(languages.setdefault(language, dict.fromkeys(COLUMNS, 0)), status, number)
        group = labels.get(row["stakeholder_group"], row["stakeholder_group"]) or _("none given")
        add(groups.setdefault(str(group), dict.fromkeys(COLUMNS, 0)), status, number)
    return {
        "totals": totals,
        "languages": sorted(languages.items()),
        "groups": sorted(groups.items()),
    }


# --- The desk of one event -----------------------------------------------------------


class ActionsColumn(Column):
    cell_template_name = "events/admin/desk_row_actions.html"

    def __init__(self, view):
        super().__init__("actions", label=_("Actions"))
        self.view = view

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["action_url"] = reverse(
            "events_desk_action", args=[self.view.event.pk, instance.pk]
        )
        context["query"] = self.view.list_query
        # Cell templates are rendered without the request's context processors.
        context["csrf_token"] = get_token(self.view.request)
        return context


class EventDeskView(IndexView):
    """One event's registrations, with counts above and actions on each row."""

    model = Registration
    template_name = "events/admin/desk.html"
    results_template_name = "events/admin/desk_results.html"
    header_icon = "clipboard-list"
    paginate_by = 100
    search_fields = ["name", "email", "organisation", "accessibility_needs"]
    default_ordering = "created_at"
    any_permission_required = None
    permission_policy = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = source_version(get_object_or_404(EventPage, pk=kwargs["event_id"]))
        rules = registration_setup(self.event)
        self.rules = rules if rules is not None and rules.kind == "on_site" else None
        # Rules from the source, words in the staff member's language.
        self.questions = on_site_questions(self.event) if self.rules else []

    def dispatch(self, request, *args, **kwargs):
        if not may_use_desk(request.user):
            return forbidden(request, REASONS[VIEW])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filterset_class(self):
        return filterset_for(self.questions)

    def get_base_queryset(self):
        return Registration.objects.filter(event_key=self.event.translation_key)

    def get_index_url(self):
        return reverse("events_desk", args=[self.event.pk])

    def get_index_results_url(self):
        return reverse("events_desk_results", args=[self.event.pk])

    def get_page_title(self):
        return self.event.title

    def get_page_subtitle(self):
        return _("Event desk")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("events_desk_index"), "label": _("Event desk")},
            {"url": "", "label": self.event.title, "sublabel": _("Event desk")},
        ]

    @cached_property
    def list_query(self):
        """The current filters, search and ordering as a query string, to come back to."""
        query = QueryDict(mutable=True)
        for name, values in self.request.GET.lists():
            if name not in NOT_FILTERS:
                query.setlist(name, [value for value in values if value])
        return query.urlencode()

    @cached_property
    def columns(self):
        user = self.request.user
        groups = stakeholder_group_names()
        columns = [
            TitleColumn(
                "name",
                label=_("Name"),
                sort_key="name",
                classname="w-whitespace-nowrap",
                get_url=(
                    (lambda r: reverse("events_manage_registration", args=[r.pk]))
                    if user.has_perm(CHANGE)
                    else (lambda r: None)
                ),
            ),
            Column("email", label=_("Email"), sort_key="email", classname="w-whitespace-nowrap"),
            Column("organisation", label=_("Organisation"), sort_key="organisation"),
            Column(
                "stakeholder_group",
                label=_("Stakeholder group"),
                accessor=lambda r: groups.get(r.stakeholder_group, r.stakeholder_group),
                sort_key="stakeholder_group",
            ),
            Column(
                "language",
                label=_("Language"),
                accessor=lambda r: language_name(r.language),
                sort_key="language",
            ),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column(
                "accessibility_needs",
                label=_("Accessibility or interpretation needs"),
                accessor=needs_text,
            ),
        ]
        for position, question in enumerate(self.questions):
            columns.append(
                Column(
                    f"answer_{position}",
                    label=question.label,
                    accessor=lambda r, question=question: answer_text(
                        question, r.answers.get(question.key)
                    ),
                )
            )
        columns.append(
            Column(
                "created_at",
                label=_("Registered at"),
                accessor=lambda r: describe_instant(r.created_at, self.event.time_zone),
                sort_key="created_at",
            )
        )
        if user.has_perm(CHANGE):
            columns.append(ActionsColumn(self))
        return columns

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        export_url = reverse("events_desk_export", args=[self.event.pk])
        context.update(
            {
                "event": self.event,
                "rules": self.rules,
                "counts": breakdown(self.event.translation_key),
                "can_export": user.has_perm(EXPORT),
                "export_url": export_url,
                "list_query": self.list_query,
                "edit_url": (
                    reverse("wagtailadmin_pages:edit", args=[self.event.pk])
                    if self.event.permissions_for_user(user).can_edit()
                    else ""
                ),
                "live_url": self.event.get_url(self.request) if self.event.live else "",
                "organiser_messages": desk_messages(self.event),
                "message_url": (
                    reverse("events_desk_message", args=[self.event.pk])
                    if user.has_perm(CHANGE)
                    else ""
                ),
            }
        )
        return context


def _event_or_404(event_id):
    return source_version(get_object_or_404(EventPage, pk=event_id))


def _back_to_desk(event, query):
    # Rebuilt from its parts, so the address can only ever be the desk's own.
    query = QueryDict(query).urlencode()
    return reverse("events_desk", args=[event.pk]) + (f"?{query}" if query else "")


@refusing
@require_POST
def desk_action(request, event_id, pk):
    """Cancel, move up or email one registration, then back to the desk as it was filtered.
    Moving someone up past the event's capacity is asked first."""
    require(request.user, CHANGE)
    event = _event_or_404(event_id)
    registration = get_object_or_404(Registration, pk=pk, event_key=event.translation_key)
    query = request.POST.get("query", "")
    if admin_views.cancellation_unconfirmed(request):
        return admin_views.ask_before_cancelling(
            request,
            registration,
            action_url=request.path,
            back_url=_back_to_desk(event, query),
            hidden={"query": query},
        )
    try:
        admin_views.act_on_registration(
            request,
            registration,
            request.POST.get("action"),
            agreed_total=admin_views.agreed_total_from(request),
        )
    except OverCapacity as over:
        return admin_views.confirm_over_capacity(
            request,
            registration,
            over,
            action_url=request.path,
            back_url=_back_to_desk(event, query),
            hidden={"query": query},
        )
    return redirect(_back_to_desk(event, query))


@refusing
def desk_export(request, event_id):
    """The desk's list as CSV or XLSX: all registrations, or those the filters show."""
    require(request.user, VIEW)
    require(request.user, EXPORT)
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        raise Http404
    view = EventDeskView()
    view.setup(request, event_id=event_id)
    return admin_views.export_response(view.event, file_format, view.get_queryset())


# --- All events with their desks -----------------------------------------------------


def _number(status):
    return lambda event: event.desk_counts.get(status, 0)


def _places(event):
    confirmed = event.desk_counts.get(Registration.Status.CONFIRMED, 0)
    return f"{confirmed} / {event.desk_rules.capacity}" if event.desk_rules else str(confirmed)


class DeskIndexView(BaseListingView):
    """The events taking registrations here (or holding some), each leading to its desk."""

    template_name = "wagtailadmin/generic/listing.html"
    page_title = _("Event desk")
    header_icon = "clipboard-list"
    paginate_by = 50
    index_url_name = "events_desk_index"
    columns = [
        TitleColumn(
            "title", label=_("Event"), get_url=lambda event: reverse("events_desk", args=[event.pk])
        ),
        Column(
            "start_date",
            label=_("Start date"),
            accessor=lambda event: date_format(event.start_date, "DATE_FORMAT"),
        ),
        Column("confirmed", label=_("Confirmed / places"), accessor=_places),
        Column("waiting", label=_("Waiting list"), accessor=_number("waiting")),
        Column("cancelled", label=_("Cancelled"), accessor=_number("cancelled")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_use_desk(request.user):
            return forbidden(request, REASONS[VIEW])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        numbers = {}
        for row in (
            Registration.objects.values("event_key", "status").annotate(n=Count("pk")).order_by()
        ):
            numbers.setdefault(row["event_key"], {})[row["status"]] = row["n"]
        events = []
        # Only the registration field is read: the description, agenda and outputs stay behind.
        listed = (
            EventPage.objects.filter(locale=default_locale())
            .defer("body", "agenda", "outputs")
            .order_by("-start_date")
        )
        for event in listed:
            rules = registration_setup(event)
            event.desk_rules = rules if rules is not None and rules.kind == "on_site" else None
            event.desk_counts = numbers.get(event.translation_key, {})
            if event.desk_rules or event.desk_counts:
                events.append(event)
        return events

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]
