import pytest

from insights.models import InsightPage


@pytest.fixture
def only_test_insights():
    """Start from an empty index: the demo's own insights are unpublished for the test."""
    for insight in InsightPage.objects.live():
        insight.unpublish()
