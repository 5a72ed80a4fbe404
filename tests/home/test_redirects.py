"""Redirects: a changed slug leaves a permanent redirect from the old address."""

import pytest

from home.models import HomePage, StandardPage
from tests.support.html import soup, text

pytestmark = pytest.mark.django_db


def test_a_changed_slug_redirects_the_old_address(client, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(title="Mitmachen", slug="mitmachen", intro="So machen Sie mit.")
    home.add_child(instance=page)
    page.save_revision().publish()
    assert client.get("/de/mitmachen/").status_code == 200

    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "beteiligen"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    response = client.get("/de/mitmachen/")
    assert response.status_code == 301
    assert response["Location"].endswith("/de/beteiligen/")
    assert "So machen Sie mit." in client.get("/de/mitmachen/", follow=True).text


def test_redirects_are_listed_in_the_admin(admin_client, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(title="Mitmachen", slug="mitmachen", intro="So machen Sie mit.")
    home.add_child(instance=page)
    page.save_revision().publish()
    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "beteiligen"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    response = admin_client.get("/admin/redirects/?q=mitmachen")
    assert response.status_code == 200
    rows = [text(row) for row in soup(response).select("table tbody tr")]
    assert len(rows) == 1, rows
    assert "mitmachen" in rows[0] and "Mitmachen" in rows[0]  # from the old path to the page
