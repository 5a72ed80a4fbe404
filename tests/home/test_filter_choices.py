"""A listing's filter options: every kind read in one query, each option in the visitor's
language where the term is translated, else in the source language."""

import pytest

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.listing import ALL, SDG_KIND, choices_in_language, choices_of_kinds, sdg_choices
from home.models import Partner, Region
from tests.support.factories import locale

pytestmark = pytest.mark.django_db

KINDS = [SDG_KIND, (Region, "slug", "name"), (Partner, "slug", "name")]


@pytest.fixture
def nothing_kept():
    for cache in caches.all():
        cache.clear()


@pytest.mark.usefixtures("nothing_kept")
def test_every_kind_in_one_query_in_the_visitors_language():
    french, german = locale("fr"), locale("de")
    translated = Region.objects.filter(locale=french).first()
    assert translated is not None
    source = translated.get_translation(german)
    assert source.name != translated.name
    only_german = Partner.objects.create(name="Nur auf Deutsch", slug="nur-deutsch", locale=german)

    with CaptureQueriesContext(connection) as queries:
        goals, regions, partners = choices_of_kinds(KINDS, french)
    assert len(queries) == 1

    assert goals[0] == regions[0] == partners[0] == ALL
    # The goals keep their numbers: ordered 1, 2, … 17 as filter options.
    assert [number for number, _label in sdg_choices(french, goals)[1:]] == list(range(1, 18))
    assert dict(regions)[translated.slug] == translated.name
    assert dict(partners)[only_german.slug] == "Nur auf Deutsch"
    # Each list as the kind on its own gives it, labels in alphabetical order.
    assert partners == choices_in_language(Partner, french)
    labels = [str(label) for _slug, label in regions[1:]]
    assert labels == sorted(labels)
