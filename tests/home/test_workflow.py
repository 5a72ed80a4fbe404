"""Moderation: editors submit, publishers approve (or ask for changes), in every language."""

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.admin.roles import EDITORS, PUBLISHERS
from home.models import HomePage, StandardPage
from tests.support.users import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return member_of(EDITORS, username="redakteurin")


@pytest.fixture
def publisher():
    return member_of(PUBLISHERS, username="herausgeber")


def draft_page(language="de", title="Partnerschaften vor Ort"):
    home = HomePage.objects.get(locale__language_code=language)
    page = StandardPage(title=title, slug="vor-ort", intro="Entwurf.", live=False)
    home.add_child(instance=page)
    page.save_revision()
    return page


def edit_data(page, intro, **actions):
    """What the page editor sends: the fields of a standard page and the button pressed."""
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


def test_the_site_tree_has_one_approval_workflow_by_the_publishers():
    workflow = Workflow.objects.get(name="Communications approval")
    assert workflow.active
    [task] = [task.specific for task in workflow.tasks]
    assert Group.objects.get(name=PUBLISHERS) in task.groups.all()
    for language in ("de", "en", "fr"):
        assert HomePage.objects.get(locale__language_code=language).get_workflow() == workflow


def test_an_editor_cannot_publish_but_can_submit_for_approval(client, editor):
    page = draft_page()
    client.force_login(editor)
    editor_view = client.get(f"/admin/pages/{page.pk}/edit/")
    assert editor_view.status_code == 200
    assert 'name="action-publish"' not in editor_view.text
    assert 'name="action-submit"' in editor_view.text

    # Pressing "publish" anyway (a forged request) only saves a draft.
    client.post(
        f"/admin/pages/{page.pk}/edit/", edit_data(page, "Versuch.", **{"action-publish": "1"})
    )
    page.refresh_from_db()
    assert not page.live

    response = client.post(
        f"/admin/pages/{page.pk}/edit/", edit_data(page, "Zur Freigabe.", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific.groups.filter(name=PUBLISHERS).exists()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_publisher_approves_and_the_page_goes_live(client, editor, publisher, language):
    page = draft_page(language, title="Vor Ort" if language == "de" else "Sur le terrain")
    client.force_login(editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_data(page, "Freigabe bitte.", **{"action-submit": "1"}),
    )
    assert client.get(page.url).status_code == 404  # not live before approval

    client.force_login(publisher)
    dashboard = client.get("/admin/")
    assert page.title in dashboard.text  # "Awaiting your review"
    state = WorkflowState.objects.get(object_id=str(page.pk))
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Passt."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.get_latest_revision().content["intro"] == "Freigabe bitte."
    client.logout()
    public = client.get(page.url)
    assert public.status_code == 200
    assert "Freigabe bitte." in public.text


def test_a_publisher_requests_changes_with_a_comment_and_the_editor_is_told(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    page = draft_page()
    client.force_login(editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/", edit_data(page, "Erster Wurf.", **{"action-submit": "1"})
    )
    client.force_login(publisher)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
            {"comment": "Bitte die Quelle nennen."},
        )
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(editor)
    history = client.get(f"/admin/pages/{page.pk}/history/")
    assert "Bitte die Quelle nennen." in history.text
    assert any(editor.email in message.to for message in mail.outbox)


def test_editors_get_the_accessibility_checker_on_the_site_and_in_the_editor(client, editor):
    import json

    from bs4 import BeautifulSoup

    page = draft_page()
    page.save_revision().publish()
    client.force_login(editor)
    for response in (client.get(page.url), client.get(f"/admin/pages/{page.pk}/edit/")):
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        config = html.find("script", id="checker-axe-configuration")
        assert config is not None
        rules = json.loads(config.string)["options"]["runOnly"]
        assert {"image-alt", "color-contrast", "html-has-lang", "link-name"} <= set(rules)
