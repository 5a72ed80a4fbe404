"""While a page is in review, the editor who submitted it may still change it (a forgotten
paragraph) without cancelling the workflow; the review goes on and publishes the change."""

import pytest

from wagtail.models import Comment, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.admin.roles import EDITORS, PUBLISHERS
from home.models import HomePage, ReviewTask, StandardPage
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


def edit_data(page, intro, **actions):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": intro,
            "body": streamfield([]),
            "comments": inline_formset([]),
            **actions,
        }
    )


@pytest.fixture
def submitted(client):
    """A German page an editor wrote and submitted for review."""
    editor = member_of(EDITORS, username="redakteurin")
    page = StandardPage(title="Vor Ort", slug="vor-ort", intro="Entwurf.", live=False)
    HomePage.objects.get(locale__language_code="de").add_child(instance=page)
    page.save_revision()
    client.force_login(editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/", edit_data(page, "Erster Absatz.", **{"action-submit": "1"})
    )
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return page, editor


def test_the_review_step_is_open_to_the_submitters_changes(submitted):
    page, _editor = submitted
    task = page.current_workflow_task
    assert isinstance(task, ReviewTask)
    assert task.groups.filter(name=PUBLISHERS).exists()


def test_the_submitter_adds_a_paragraph_in_review_and_the_approval_publishes_it(client, submitted):
    page, editor = submitted
    form = client.get(f"/admin/pages/{page.pk}/edit/")
    assert 'name="action-publish"' not in form.text
    assert "Seite gesperrt" not in form.text and "Page locked" not in form.text

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_data(page, "Erster Absatz. Vergessener Absatz."),
        follow=True,
    )
    assert "„Vor Ort“ ist weiter in Prüfung" in response.text
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # still in review

    client.force_login(member_of(PUBLISHERS, username="herausgeber"))
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Passt."},
    )
    page.refresh_from_db()
    assert page.live
    assert page.intro == "Erster Absatz. Vergessener Absatz."


def test_other_editors_stay_locked_out_during_the_review(client, submitted):
    page, _editor = submitted
    client.force_login(member_of(EDITORS, username="kollege"))
    client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, "Übernommen."))
    page.refresh_from_db()
    assert page.get_latest_revision().content["intro"] == "Erster Absatz."


def comments_as_the_editor_posts_them(page):
    """The page's comments as the editor's comment panel posts them back with each save."""
    return inline_formset(
        [
            {
                "id": comment.pk,
                "text": comment.text,
                "contentpath": comment.contentpath,
                "position": comment.position,
                "resolved": "",
                "replies": inline_formset([]),
            }
            for comment in Comment.objects.filter(page=page).order_by("pk")
        ],
        initial=Comment.objects.filter(page=page).count(),
    )


def test_a_reviewers_comment_survives_the_submitters_change_and_resubmission(client, submitted):
    page, editor = submitted
    publisher = member_of(PUBLISHERS, username="pruefer")
    client.force_login(publisher)
    new_comment = inline_formset(
        [
            {
                "text": "Wo genau findet das statt?",
                "contentpath": "intro",
                "position": "",
                "resolved": "",
                "replies": inline_formset([]),
            }
        ]
    )
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {**edit_data(page, "Erster Absatz."), **nested_form_data({"comments": new_comment})},
    )
    assert response.status_code == 302
    comment = Comment.objects.get(page=page)
    assert comment.user == publisher

    # The submitter adds a paragraph while the page is in review.
    client.force_login(editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **edit_data(page, "Erster Absatz. Im Rathaus."),
            **nested_form_data({"comments": comments_as_the_editor_posts_them(page)}),
        },
    )
    page.refresh_from_db()
    assert page.get_latest_revision().content["intro"] == "Erster Absatz. Im Rathaus."
    assert Comment.objects.filter(pk=comment.pk, resolved_at__isnull=True).exists()

    # The reviewer asks for one more change; the submitter makes it and resubmits.
    client.force_login(publisher)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Bitte noch die Uhrzeit."},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **edit_data(page, "Erster Absatz. Im Rathaus, um 18 Uhr.", **{"action-submit": "1"}),
            **nested_form_data({"comments": comments_as_the_editor_posts_them(page)}),
        },
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The reviewer finds the comment where it was, unresolved, next to the new text.
    client.force_login(publisher)
    form = client.get(f"/admin/pages/{page.pk}/edit/")
    assert "Wo genau findet das statt?" in form.text
    assert Comment.objects.filter(pk=comment.pk, resolved_at__isnull=True).exists()
    page.refresh_from_db()
    assert page.get_latest_revision().content["intro"] == "Erster Absatz. Im Rathaus, um 18 Uhr."
    # The request for changes stays in the page's review history.
    history = client.get(f"/admin/pages/{page.pk}/history/")
    assert "Bitte noch die Uhrzeit." in history.text
