"""`{{ name|role_name }}`: a role's group, the workflow or its task named in the admin's
language (`home.admin.roles.display_name`), for the Wagtail admin templates overridden in
templates/wagtailadmin/ that show those names."""

from django import template

from home.admin.roles import display_name

register = template.Library()


@register.filter
def role_name(name):
    return display_name(str(name))


@register.simple_tag
def workflow_status_with_role_names(workflow_state):
    """Wagtail's `workflow_status_with_date` ("Sent to <task> …") naming the task as above."""
    from django.contrib.humanize.templatetags.humanize import naturaltime
    from django.utils.translation import gettext as _

    task_state = workflow_state.current_task_state
    context = {
        "finished_at": naturaltime(task_state.finished_at),
        "started_at": naturaltime(task_state.started_at),
        "task_name": display_name(task_state.task.name),
        "status_display": workflow_state.get_status_display,
    }
    if workflow_state.status == "needs_changes":
        return _("Changes requested %(finished_at)s") % context
    if workflow_state.status == "in_progress":
        return _("Sent to %(task_name)s %(started_at)s") % context
    return _("%(status_display)s %(task_name)s %(started_at)s") % context
