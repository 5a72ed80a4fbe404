"""Migration 0008 turns the workflow's step into a review open to the submitter's changes in
place: a page in review while the site is updated is approved once, not asked a second time."""

from importlib import import_module

import pytest

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Task, TaskState, Workflow, WorkflowState

from home.admin.roles import EDITORS, PUBLISHERS
from home.models import HomePage, ReviewTask, StandardPage
from tests.support.users import member_of

# The migration's data steps, run on the current tables inside the test's transaction (a
# migration run through the executor would need a transactional test, whose flush and
# restore cost the rest of the suite its migration-made data).
migration = import_module("home.migrations.0008_review_open_to_submitter")


def run(step):
    step(apps, None)
    ContentType.objects.clear_cache()


@pytest.fixture
def at_0007():
    """The workflow as 0007 left it: its step a plain group approval."""
    run(migration.use_group_approval_task)


@pytest.mark.django_db
def test_a_review_under_way_is_approved_once_after_the_migration(at_0007):
    workflow = Workflow.objects.get(name="Communications approval")
    [task] = workflow.tasks.all()
    assert type(task.specific).__name__ == "GroupApprovalTask"
    page = StandardPage(title="In Prüfung", slug="in-pruefung", intro="Text.", live=False)
    HomePage.objects.get(locale__language_code="de").add_child(instance=page)
    page.save_revision()
    state = workflow.start(page, member_of(EDITORS, username="redakteurin"))
    assert state.current_task_state.task_id == task.pk

    run(migration.use_review_task)

    workflow = Workflow.objects.get(pk=workflow.pk)
    assert [t.pk for t in workflow.tasks.all()] == [task.pk]  # one step, the same task
    assert Task.objects.filter(name=task.name).count() == 1
    review = Task.objects.get(pk=task.pk).specific
    assert isinstance(review, ReviewTask)
    assert review.active
    assert review.groups.filter(name=PUBLISHERS).exists()

    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.task_id == task.pk
    task_state.specific.approve(user=member_of(PUBLISHERS, username="herausgeber"))

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED  # no second step
    assert TaskState.objects.filter(workflow_state=state).count() == 1
    page.refresh_from_db()
    assert page.live
