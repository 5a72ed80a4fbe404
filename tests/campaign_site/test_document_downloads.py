"""A document is downloadable by the public only while a live page anyone may view uses it:
a study attached to a draft stays under embargo until its page is published."""

import pytest

from django.test import Client, override_settings

from tests.support.documents import files_in_every_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def files():
    return files_in_every_state()


def test_the_public_downloads_only_what_live_public_pages_use(client, files):
    response = client.get(files.public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for hidden in files.hidden:
        response = client.get(hidden.url)
        assert response.status_code == 404, hidden.title
        assert hidden.title.encode() not in response.content


def test_editors_download_a_draft_pages_document_to_check_it(admin_client, files):
    for hidden in files.hidden:
        response = admin_client.get(hidden.url)
        assert response.status_code == 200, hidden.title
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_publishing_the_page_lifts_the_embargo_and_unpublishing_restores_it(files):
    from insights.models import InsightPage

    visitor = Client()
    assert visitor.get(files.embargoed.url).status_code == 404
    launch = InsightPage.objects.get(title="Die Studie erscheint bald")
    launch.get_latest_revision().publish()
    assert visitor.get(files.embargoed.url).status_code == 200
    launch.unpublish()
    assert visitor.get(files.embargoed.url).status_code == 404


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_embargo_is_lifted_with_publishing_not_when_a_worker_gets_round_to_it(files):
    from insights.models import InsightPage

    # Production queues Wagtail's background work (the reference index among it) for a
    # worker; none runs here. The study must be downloadable as soon as its page is out.
    visitor = Client()
    launch = InsightPage.objects.get(title="Die Studie erscheint bald")
    launch.get_latest_revision().publish()
    assert visitor.get(files.embargoed.url).status_code == 200
    visitor_api = visitor.get("/api/v2/documents/?limit=100").json()["items"]
    assert files.embargoed.title in [item["title"] for item in visitor_api]
