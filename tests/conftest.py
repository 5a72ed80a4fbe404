import pytest

from home.demo import build_demo_site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once for the whole run; each test rolls its own changes back."""
    with django_db_blocker.unblock():
        build_demo_site()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database rolls back, the cache would not."""
    from django.core.cache import cache

    cache.clear()
