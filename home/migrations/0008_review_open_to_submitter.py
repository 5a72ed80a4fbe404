"""The approval workflow's step becomes a review open to the submitter's changes
(`home.models.ReviewTask`): the same publishers approve, and whoever submitted a page may
still add a forgotten paragraph without cancelling the workflow.

The step is converted in place: a ReviewTask is a kind of GroupApprovalTask, so the existing
task keeps its id, its groups, the reviews under way and their history; only its kind changes.
(A second task next to the old one would ask the reviews under way twice: Wagtail runs every
active task of a workflow a page has not passed yet.)"""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW = "Communications approval"
TASK = "Approval by communications publishers"


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def use_review_task(apps, schema_editor):
    ReviewTask = apps.get_model("home", "ReviewTask")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    group_approval = content_type(apps, "wagtailcore", "groupapprovaltask")
    review = content_type(apps, "home", "reviewtask")
    task_ids = WorkflowTask.objects.filter(
        workflow__name=WORKFLOW,
        task__name=TASK,
        task__content_type=group_approval,  # another kind: someone chose it in the admin
    ).values_list("task_id", flat=True)
    for pk in list(task_ids):
        # The child row only; the task and group approval rows stay as they are.
        ReviewTask(pk=pk).save_base(raw=True, force_insert=True)
        Task.objects.filter(pk=pk).update(content_type=review)


def use_group_approval_task(apps, schema_editor):
    ReviewTask = apps.get_model("home", "ReviewTask")
    Task = apps.get_model("wagtailcore", "Task")

    group_approval = content_type(apps, "wagtailcore", "groupapprovaltask")
    for task in ReviewTask.objects.all():
        Task.objects.filter(pk=task.pk).update(content_type=group_approval)
        task.delete(keep_parents=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0007_organisers_add_registrations"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "Group approval, open to the submitter's changes",
                "verbose_name_plural": "Group approvals, open to the submitter's changes",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(use_review_task, use_group_approval_task),
    ]
