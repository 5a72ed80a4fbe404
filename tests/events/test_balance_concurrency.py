"""Two hundred people of every stakeholder group pressing "register" at once for an event
with a cap and a minimum: no group over its cap, never more places held than there are,
and the places kept for a minimum go to nobody else (PostgreSQL)."""

import datetime
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.db import connection, connections
from django.utils import timezone

from campaign_site.demo import build_demo_site
from events.models import EventIndexPage, Registration
from events.registration.models import BalanceRule, RegistrationList
from events.registration.services import register_for_event
from tests.support.factories import make_event
from tests.support.registration import on_site

CAPACITY = 40
PEOPLE = 200
# Each thread is one connection: the shared PostgreSQL server allows about a hundred.
CONNECTIONS = 32
PRIVATE_CAP_PERCENT = 25  # 10 places
CIVIL_MINIMUM = 8
GROUPS = ["private-sector", "private-sector", "private-sector", "government", "civil-society",
          "academia"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions with row locks need PostgreSQL (set DATABASE_URL)",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_caps_and_minimums_hold_under_a_burst_of_registrations():
    if not EventIndexPage.objects.exists():
        build_demo_site()
    event = make_event(
        "Ansturm mit Balance",
        timezone.now() + datetime.timedelta(days=5),
        registration=on_site(capacity=CAPACITY, waiting_list=True),
    )
    places = RegistrationList.objects.create(event_key=event.translation_key, double_opt_in=False)
    BalanceRule.objects.create(
        registration_list=places,
        stakeholder_group="private-sector",
        limit="at_most_percent",
        number=PRIVATE_CAP_PERCENT,
    )
    BalanceRule.objects.create(
        registration_list=places,
        stakeholder_group="civil-society",
        limit="at_least",
        number=CIVIL_MINIMUM,
    )
    # Civil society arrives last: most places are gone by then, those kept must be there.
    people = [(number, GROUPS[number % len(GROUPS)]) for number in range(PEOPLE)]
    people.sort(key=lambda person: person[1] == "civil-society")
    start = threading.Barrier(CONNECTIONS)
    errors = []
    counter = itertools.count()

    def register(person):
        number, group = person
        try:
            if next(counter) < CONNECTIONS:
                start.wait()
            register_for_event(
                event,
                language="de",
                name=f"Person {number}",
                email=f"burst{number}@example.org",
                stakeholder_group=group,
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted
            errors.append(repr(error))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        list(pool.map(register, people))

    assert errors == []
    registrations = Registration.objects.filter(event_key=event.translation_key)
    assert registrations.count() == PEOPLE
    confirmed = registrations.filter(status="confirmed")
    assert confirmed.count() == CAPACITY
    assert confirmed.filter(stakeholder_group="private-sector").count() == 10
    civil = sum(1 for _number, group in people if group == "civil-society")
    assert civil > CIVIL_MINIMUM
    assert confirmed.filter(stakeholder_group="civil-society").count() >= CIVIL_MINIMUM
    assert registrations.filter(status="waiting").count() == PEOPLE - CAPACITY
