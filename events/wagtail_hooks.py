"""Admin: an "Events" listing with start date, format and registration counts; the
registrations of each event, visible only with the permission to see them; a dashboard
panel of the upcoming events."""

import django_filters

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet

from home.admin.page_listings import SourceLanguageParentView, add_page_url
from home.localization import default_locale

from . import admin_views, desk, reports
from .desk import urls as desk_urls
from .models import EventPage, Registration, upcoming_events
from .registration import display
from .registration.admin_forms import AddRegistrationForm, EditRegistrationForm
from .registration.deletion import delete_registrations_of, events_losing_registrations
from .registration.services import counts
from .registration.setup import registration_setup
from .registration.wording_admin import EmailWordingViewSet


def registration_summary(page, numbers=None):
    """E.g. "12 / 30 (3 waiting)" for an event with an on-site registration: places held
    of the capacity (`numbers`: as `counts` gives them, if already counted)."""
    setup = registration_setup(page)
    if setup is None or setup.kind != "on_site":
        return "—"
    numbers = numbers or counts(page.translation_key)
    # Places held: confirmed, offered or kept for an address not confirmed yet.
    text = f"{numbers.get('held', numbers['confirmed'])} / {setup.capacity}"
    if numbers["waiting"]:
        text += " " + str(_("(%(waiting)s waiting)") % {"waiting": numbers["waiting"]})
    return text


def may_list_pages(user):
    """Whether `user` may open page listings such as the events' (any page permission)."""
    return page_permission_policy.user_has_any_permission(
        user, PageIndexView.any_permission_required
    )


class EventIndexView(PageIndexView):
    def dispatch(self, request, *args, **kwargs):
        # An "Events" link someone without page permissions still follows (a bookmark)
        # leads to the events they may see: their desks.
        if not may_list_pages(request.user) and desk.may_use_desk(request.user):
            return redirect("events_desk_index")
        return super().dispatch(request, *args, **kwargs)

    def get_table(self, object_list):
        # Registration counts only for those allowed to see registrations.
        if self.request.user.has_perm("events.view_registration"):
            self.columns = [
                *self.columns,
                Column("registrations", label=_("Registrations"), accessor=registration_summary),
            ]
        return super().get_table(object_list)


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    index_view_class = EventIndexView
    # "Add event" opens the form under the German events page (one click, no parent chooser).
    choose_parent_view_class = SourceLanguageParentView
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


def event_choices():
    events = EventPage.objects.filter(locale=default_locale()).order_by("-start_date")
    return [(str(event.translation_key), event.title) for event in events]


class RegistrationFilterSet(WagtailFilterSet):
    event_key = django_filters.ChoiceFilter(label=_("Event"), choices=event_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)
    email_failed = django_filters.BooleanFilter(
        label=_("Email failed"), method="filter_email_failed"
    )

    def filter_email_failed(self, queryset, name, value):
        # "Possibly sent" needs a person's look as much as a failure does.
        failed = queryset.filter(messages__status__in=["failed", "possibly_sent"]).distinct()
        return failed if value else queryset.exclude(pk__in=failed.values("pk"))

    class Meta:
        model = Registration
        fields = ["event_key", "status"]


class RegistrationIndexView(IndexView):
    def get_base_queryset(self):
        # Every row names its event by the source title, in this one query.
        return display.with_source_event(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("events.change_registration"):
            buttons.insert(
                0,
                ListingButton(
                    _("Manage"),
                    url=reverse("events_manage_registration", args=[instance.pk]),
                    icon_name="cog",
                    priority=5,
                ),
            )
        return buttons


class RegistrationInspectView(InspectView):
    """One registration in words: the event's source title with the person's language,
    answers with their questions, times in the event's zone; no secret, no raw ids."""

    template_name = "events/admin/registration_inspect.html"

    def get_fields_context(self):
        return [
            {"label": label, "value": value, "component": None}
            for label, value in display.details(self.object)
        ]


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    add_view_class = admin_views.AddRegistrationView
    edit_view_class = admin_views.EditRegistrationView
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 160
    add_to_admin_menu = True
    list_display = [
        "name",
        "email",
        Column(
            "event",
            label=_("Event"),
            accessor=display.event_with_language,
            sort_key="source_event_title",
        ),
        "status",
        Column(
            "created_at",
            label=_("Registered at"),
            accessor=display.registered_at,
            sort_key="created_at",
        ),
    ]
    search_fields = ["name", "email", "organisation"]
    filterset_class = RegistrationFilterSet
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        # Adding goes through the registration rules; editing keeps addresses unique.
        return EditRegistrationForm if for_update else AddRegistrationForm


class UpcomingEventsPanel(Component):
    """Dashboard: the next events (source language) and, for those allowed, registrations."""

    name = "upcoming_events"
    template_name = "events/admin/upcoming_events_panel.html"
    order = 120
    limit = 5

    def __init__(self, show_registrations, add_url=""):
        self.show_registrations = show_registrations
        self.add_url = add_url

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        events = upcoming_events(default_locale(), self.limit)
        user = parent_context["request"].user
        context["show_registrations"] = self.show_registrations
        # Counts and stakeholder mix of every event listed, counted at once.
        figures = reports.listed_events_figures(events) if self.show_registrations else {}
        charts = reports.upcoming_mix_charts(events, figures) if figures else {}
        context["events"] = [
            {
                "page": event,
                # The editor for who may edit the event, else its desk (organisers).
                "url": desk.event_admin_url(user, event),
                "registrations": (
                    registration_summary(event, reports.summary_numbers(figures, event))
                    if self.show_registrations
                    else ""
                ),
                "mix": charts.get(event.pk, ""),
            }
            for event in events
        ]
        if may_list_pages(user):
            context["listing_url"] = reverse("events:index")
        elif desk.may_use_desk(user):
            context["listing_url"] = reverse("events_desk_index")
        context["add_url"] = self.add_url
        return context


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    panels.append(
        UpcomingEventsPanel(
            request.user.has_perm("events.view_registration"),
            add_url=add_page_url(EventPage, "events", request.user),
        )
    )


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet("events")


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationViewSet("registrations")


# Staff's wording of the standard emails, per language (translated with wagtail-localize).
register_snippet(EmailWordingViewSet)


@hooks.register("register_admin_urls")
def registration_admin_urls():
    return [
        path(
            "registrations/<int:pk>/manage/",
            admin_views.manage_registration,
            name="events_manage_registration",
        ),
        path(
            "events/<int:event_id>/registrations/export/",
            admin_views.export_registrations,
            name="events_export_registrations",
        ),
        *desk_urls.urlpatterns,
    ]


@hooks.register("construct_main_menu")
def hide_page_listings_from_staff_without_page_permissions(request, menu_items):
    """Page listings (events, insights) answer "no access" to staff without page
    permissions (event organisers): their menu items are left out; organisers reach the
    events through the event desk."""
    if may_list_pages(request.user):
        return
    listings = {
        viewset.menu_url for viewset in viewsets.viewsets if isinstance(viewset, PageListingViewSet)
    }
    menu_items[:] = [item for item in menu_items if item.url not in listings]


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return desk.DeskMenuItem(
        _("Event desk"), reverse("events_desk_index"), icon_name="clipboard-list", order=157
    )


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return desk.DeskMenuItem(
        _("Event reports"), reverse("events_desk_campaign_report"), icon_name="table", order=158
    )


@hooks.register("register_admin_menu_item")
def register_learnings_menu_item():
    return desk.DeskMenuItem(
        _("Learnings"), reverse("events_desk_campaign_learnings"), icon_name="comment", order=159
    )


# --- Deleting events with registrations: an explicit choice, never a silent loss ---------


def _cascaded_translations(page):
    """Translations and aliases Wagtail deletes together with `page`."""
    extra = []
    for fn in hooks.get_hooks("construct_translated_pages_to_cascade_actions"):
        result = fn([page], "delete")
        if isinstance(result, dict):
            for pages in result.values():
                extra.extend(pages)
    return extra


@hooks.register("before_delete_page")
def confirm_deleting_registrations(request, page):
    """Deleting the last version of an event with registrations asks what to do with them:
    export first, keep the page (unpublish instead), or delete the registrations too; the
    last only for those who may delete registrations (who may delete a page may not, as
    such, delete the people registered for it)."""
    losing = events_losing_registrations([page], _cascaded_translations(page))
    if not losing:
        return None
    may_delete_registrations = request.user.has_perm("events.delete_registration")
    chose_deletion = request.method == "POST" and request.POST.get("registrations") == "delete"
    if chose_deletion and may_delete_registrations:
        request.registrations_deleted_with_page = [event for event, _number in losing]
        return None
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    can_unpublish = page.live and page.permissions_for_user(request.user).can_unpublish()
    return TemplateResponse(
        request,
        "events/admin/delete_with_registrations.html",
        {
            "page": page,
            "losing": losing,
            "choice_missing": request.method == "POST" and may_delete_registrations,
            "deletion_refused": chose_deletion,
            "can_delete_registrations": may_delete_registrations,
            "can_export": request.user.has_perm("events.export_registration"),
            "unpublish_url": (
                reverse("wagtailadmin_pages:unpublish", args=[page.pk]) if can_unpublish else ""
            ),
            "action_url": reverse("wagtailadmin_pages:delete", args=[page.pk]),
            "cancel_url": reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
            "next": next_url if url_has_allowed_host_and_scheme(next_url, None) else "",
        },
    )


@hooks.register("after_delete_page")
def delete_registrations_chosen_for_deletion(request, page):
    events = getattr(request, "registrations_deleted_with_page", None)
    if events:
        number = delete_registrations_of(events)
        messages.success(
            request,
            ngettext(
                "%(number)s registration was deleted with the page.",
                "%(number)s registrations were deleted with the page.",
                number,
            )
            % {"number": number},
        )


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_events_with_registrations(request, action_type, objects, action_class):
    """Bulk deletion offers no choice per event: events with registrations are deleted one
    by one, where the choice is asked."""
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    also = [extra for page in objects for extra in _cascaded_translations(page)]
    losing = events_losing_registrations(objects, also)
    if not losing:
        return None
    messages.error(
        request,
        _(
            "Nothing was deleted: people have registered for %(events)s. Delete these events "
            "one at a time, to export or keep their registrations first."
        )
        % {"events": ", ".join(f"“{event.title}”" for event, _number in losing)},
    )
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, None):
        next_url = reverse("wagtailadmin_explore", args=[objects[0].get_parent().pk])
    return redirect(next_url)


@hooks.register("register_log_actions")
def attendance_log_actions(actions):
    """Check-ins, no-shows and their undoing in a registration's history."""
    from .desk.checkin import register_log_actions

    register_log_actions(actions)
