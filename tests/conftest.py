import pytest

from django.db import connections

from campaign_site.demo import build_demo_site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once for the whole run; each test rolls its own changes back.

    Transactional tests marked `serialized_rollback=True` (the browser tests) get the demo
    site back from a snapshot taken here, instead of building it again after each flush.
    """
    with django_db_blocker.unblock():
        build_demo_site()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database rolls back, the cache would not."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def admin_client(client):
    """A client signed in as the demo site's superuser (replaces pytest-django's own)."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    return client
