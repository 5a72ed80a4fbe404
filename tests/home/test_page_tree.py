"""Editors can only build the tree the site expects."""

import pytest

from wagtail.models import Page

from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage
from insights.models import InsightIndexPage, InsightPage

pytestmark = pytest.mark.django_db


def allowed_children(page_class):
    return set(page_class.allowed_subpage_models())


def test_every_page_type_says_where_it_may_live():
    for page_class in (
        HomePage,
        StandardPage,
        EventIndexPage,
        EventPage,
        InsightIndexPage,
        InsightPage,
    ):
        assert page_class.parent_page_types is not None, page_class
        assert page_class.subpage_types is not None, page_class


def test_the_tree_rules():
    assert allowed_children(HomePage) == {EventIndexPage, InsightIndexPage, StandardPage}
    assert allowed_children(EventIndexPage) == {EventPage}
    assert allowed_children(InsightIndexPage) == {InsightPage}
    assert allowed_children(StandardPage) == {StandardPage}
    assert allowed_children(EventPage) == set()
    assert allowed_children(InsightPage) == set()
    assert set(HomePage.allowed_parent_page_models()) == {Page}


@pytest.mark.parametrize(
    ("page_type", "parent_type"),
    [
        ("events/eventpage", HomePage),
        ("insights/insightpage", EventIndexPage),
        ("home/standardpage", EventIndexPage),
        ("home/homepage", HomePage),
    ],
)
def test_the_admin_refuses_a_page_type_under_the_wrong_parent(admin_client, page_type, parent_type):
    parent = parent_type.objects.get(locale__language_code="de")
    response = admin_client.get(f"/admin/pages/add/{page_type}/{parent.pk}/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    messages = [str(message) for message in response.context["messages"]]
    # The admin speaks the default language, German, to this user.
    assert any("keinen Zugang" in message for message in messages), messages


def test_the_admin_offers_only_allowed_types(admin_client):
    event_index = EventIndexPage.objects.get(locale__language_code="de")
    response = admin_client.get(f"/admin/pages/{event_index.pk}/add_subpage/", follow=True)
    # A single allowed type: Wagtail goes straight to the event form.
    assert response.redirect_chain[-1][0].startswith(
        f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    )
    assert response.status_code == 200
