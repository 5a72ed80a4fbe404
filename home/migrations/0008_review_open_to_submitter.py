"""The approval workflow's step becomes a review open to the submitter's changes
(`home.models.ReviewTask`): the same publishers approve, and whoever submitted a page may
still add a forgotten paragraph without cancelling the workflow."""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW = "Communications approval"
TASK = "Approval by communications publishers"


def use_review_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewTask = apps.get_model("home", "ReviewTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    content_type, _created = ContentType.objects.get_or_create(app_label="home", model="reviewtask")
    for link in WorkflowTask.objects.filter(workflow__name=WORKFLOW, task__name=TASK):
        old = GroupApprovalTask.objects.filter(pk=link.task_id).first()
        if old is None:
            continue  # already another kind of task: someone chose it in the admin
        new = ReviewTask.objects.create(name=TASK, active=True, content_type=content_type)
        new.groups.set(old.groups.all())
        link.task_id = new.pk
        link.save()
        # Reviews under way finish with the old step; an unused one goes.
        if not TaskState.objects.filter(task_id=old.pk).exists():
            old.delete()


def use_group_approval_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewTask = apps.get_model("home", "ReviewTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    for link in WorkflowTask.objects.filter(workflow__name=WORKFLOW, task__name=TASK):
        new = ReviewTask.objects.filter(pk=link.task_id).first()
        if new is None:
            continue
        old = GroupApprovalTask.objects.create(name=TASK, active=True, content_type=content_type)
        old.groups.set(new.groups.all())
        link.task_id = old.pk
        link.save()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("home", "0007_organisers_add_registrations"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",  # noqa: E501
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "Group approval, open to the submitter's changes",
                "verbose_name_plural": "Group approvals, open to the submitter's changes",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(use_review_task, use_group_approval_task),
    ]
