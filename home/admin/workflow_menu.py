"""The editor's "Submit to …" / "Resubmit to …" button naming the workflow and its task in
the admin's language (`roles.display_name`), not by their English names in the database."""

from django.utils.translation import gettext as _

from wagtail.admin.action_menu import SubmitForModerationMenuItem

from .roles import display_name


class SubmitToWorkflowMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page else None
        if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit to %(task_name)s") % {
                "task_name": display_name(workflow_state.current_task_state.task.name)
            }
        else:
            workflow_page = page if page and page.pk else context["parent_page"]
            workflow = workflow_page.get_workflow()
            if workflow:
                context["label"] = _("Submit to %(workflow_name)s") % {
                    "workflow_name": display_name(workflow.name)
                }
        return context


def name_workflows_in_the_admin_language(menu_items, request, context):
    """`construct_page_action_menu` hook: Wagtail's submit item becomes the one above."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitToWorkflowMenuItem(order=item.order)
