"""Editing insights in the admin: the form renders, and an empty date becomes today's."""

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from insights.models import InsightPage
from tests.support.factories import insight_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def formset(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_edit_form_of_the_study_shows_documents_citation_and_tags(editor):
    study = InsightPage.objects.get(locale__language_code="de", insight_type="publication")
    response = editor.get(f"/admin/pages/{study.pk}/edit/")
    assert response.status_code == 200
    form = response.context["form"]
    for field in ("insight_type", "publication_date", "citation", "sdgs", "partners"):
        assert field in form.fields
    assert form.formsets["documents"].total_form_count() == 2


def test_publishing_without_a_date_uses_the_day_of_publication(editor):
    parent = insight_index()
    data = {
        "title": "Neu aus dem Admin",
        "slug": "neu-aus-dem-admin",
        "insight_type": "news",
        "publication_date": "",
        "body-count": "0",
        "action-publish": "action-publish",
        **formset("authors"),
        **formset("documents"),
        **formset("event_links"),
        **formset("related_insight_links"),
        **formset("comments"),
    }
    response = editor.post(f"/admin/pages/add/insights/insightpage/{parent.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    insight = InsightPage.objects.get(slug="neu-aus-dem-admin")
    assert insight.live
    assert insight.publication_date == timezone.localdate()
