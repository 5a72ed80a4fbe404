"""Changing a page while it is in review (`home.models.ReviewTask`): the person who
submitted it is told that the review goes on with the change."""

from django.contrib import messages
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

WORKFLOW_ACTIONS = ("action-submit", "action-workflow-action", "action-restart-workflow")


def say_the_review_goes_on(request, page):
    """After "Save draft" by the submitter of a page in review (the `after_edit_page` hook)."""
    # Autosaves (answered in JSON) would pile the message up for the next page shown.
    if not request.accepts("text/html"):
        return
    if any(request.POST.get(action) for action in WORKFLOW_ACTIONS):
        return
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return
    if state.requested_by_id != request.user.pk:
        return
    messages.info(
        request,
        _("“%(title)s” is still in review: your change is part of it, and approving publishes it.")
        % {"title": page.get_admin_display_title()},
    )
