"""The review step of the approval workflow (`home/migrations/0005_communications_workflow.py`
creates the workflow, 0008 puts this step in it)."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask


class ReviewTask(GroupApprovalTask):
    """Approval by a group, like Wagtail's, during which the person who submitted the page
    may still change it: a forgotten paragraph needs no cancelled workflow. The review goes
    on, comments and all; approving publishes the latest version. Others outside the group
    stay locked out while it is in review.

    A kind of Wagtail's group approval task (its groups, its row): 0008 turned the existing
    step into this one in place, keeping its reviews under way and their history."""

    def locked_for_user(self, obj, user):
        state = obj.current_workflow_state
        if state is not None and state.requested_by_id == user.pk:
            return False
        return super().locked_for_user(obj, user)

    class Meta:
        verbose_name = _("Group approval, open to the submitter's changes")
        verbose_name_plural = _("Group approvals, open to the submitter's changes")
