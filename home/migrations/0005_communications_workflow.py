"""The approval workflow of the whole site tree (every language): editors submit, publishers
approve or request changes. Wagtail creates a "Moderators approval" workflow on the root page
when it is installed; it becomes this one (renamed, with the publishers as approvers, the
Moderators group kept), so it stays editable under "Settings → Workflows"."""

from django.db import migrations

WORKFLOW = "Communications approval"
TASK = "Approval by communications publishers"
PUBLISHERS = "Communications publishers"
WAGTAIL_DEFAULT = "Moderators approval"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root = Page.objects.filter(depth=1).first()
    publishers = Group.objects.filter(name=PUBLISHERS).first()
    if root is None or publishers is None:
        return

    task = GroupApprovalTask.objects.filter(name__in=[TASK, WAGTAIL_DEFAULT]).first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=content_type)
    task.name = TASK
    task.active = True
    task.save()
    task.groups.add(publishers)

    workflow = Workflow.objects.filter(name__in=[WORKFLOW, WAGTAIL_DEFAULT]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW)
    workflow.name = WORKFLOW
    workflow.active = True
    workflow.save()
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # The root page: the German site and every translated tree below it.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def restore_wagtail_default(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    for task in GroupApprovalTask.objects.filter(name=TASK):
        task.groups.remove(*Group.objects.filter(name=PUBLISHERS))
        task.name = WAGTAIL_DEFAULT
        task.save()
    Workflow.objects.filter(name=WORKFLOW).update(name=WAGTAIL_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_sitetexts"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_workflow, restore_wagtail_default)]
