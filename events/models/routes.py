"""The event page's own addresses: the page itself, its calendar file, and the personal
pages of its registrants and participants, each answered by the views of
`events.registration` and `events.feedback`."""

from wagtail.contrib.routable_page.models import path

from ..calendar import calendar_response
from ..feedback import views as feedback_views
from ..registration import views as registration_views


class EventPageRoutes:
    """The routes of `EventPage` (a `RoutablePageMixin`), in the order they are tried."""

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The event as an .ics download."""
        return calendar_response([self], request, filename=f"{self.slug}.ics")

    # --- registration (rules in events.registration) ------------------------------------

    @path("", name="event")
    def event_view(self, request):
        """The event page; a POST is a sent registration form."""
        if request.method == "POST":
            return registration_views.handle_registration(self, request)
        return self.render(request)

    @path("registration/received/", name="registration_received")
    def registration_received_view(self, request):
        """After the registration form was sent: "check your inbox" (the same for everyone)."""
        return registration_views.registration_received(self, request)

    @path("registration/<str:token>/", name="registration_status")
    def registration_status_view(self, request, token):
        """A registrant's personal status page (the link in their emails)."""
        return registration_views.registration_status(self, request, token)

    @path("cancel/<str:token>/", name="cancel_registration")
    def cancel_view(self, request, token):
        """A registrant's personal cancellation page."""
        return registration_views.cancel(self, request, token)

    @path("confirm/<str:token>/", name="confirm_address")
    def confirm_address_view(self, request, token):
        """The link that confirms a registrant's address (one button)."""
        return registration_views.confirm_address(self, request, token)

    @path("offer/<str:token>/", name="registration_offer")
    def offer_view(self, request, token):
        """A place offered to someone waiting: accept or decline it (two buttons)."""
        return registration_views.offer(self, request, token)

    @path("feedback/<str:token>/", name="event_feedback")
    def feedback_view(self, request, token):
        """A participant's feedback form after the event (the link in the follow-up email)."""
        return feedback_views.feedback(self, request, token)


__all__ = ["EventPageRoutes"]
