"""A burst of registrations across stakeholder groups for an event with balance rules on.

Usage (the server must use the same database and allow many attempts per client):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/campaign_site
    export REGISTRATION_RATE_LIMIT=100000 DJANGO_SETTINGS_MODULE=campaign_site.settings.dev
    .venv/bin/gunicorn campaign_site.wsgi -w 2 -b 127.0.0.1:8001 --no-control-socket &
    .venv/bin/python bench/register_balance.py --url http://127.0.0.1:8001 -n 500 -c 100

Like `register_load.py` (whose event and request helpers it uses), with two rules on the
event: at most `--cap-percent` % of the places for the private sector, at least
`--minimum` places kept for civil society; half the people are from the private sector and
civil society registers last. Double opt-in is off, so every registration is decided at
once. Prints registrations per second, median and 99th-percentile latency of the posts,
the confirmed places per group, and how many places went over a cap or were taken from a
minimum (both must be 0). Targets loopback only.
"""

import argparse
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from register_load import register, setup_event  # noqa: E402 - after the path to this folder

GROUPS = ["private-sector", "government", "private-sector", "academia", "civil-society"]


def add_rules(event, cap_percent, minimum, double_opt_in=False):
    from events.registration.models import BalanceRule, RegistrationList

    places, _created = RegistrationList.objects.get_or_create(event_key=event.translation_key)
    places.double_opt_in = double_opt_in
    places.save(update_fields=["double_opt_in"])
    BalanceRule.objects.create(
        registration_list=places,
        stakeholder_group="private-sector",
        limit="at_most_percent",
        number=cap_percent,
    )
    BalanceRule.objects.create(
        registration_list=places,
        stakeholder_group="civil-society",
        limit="at_least",
        number=minimum,
    )


def held_by_group(event):
    """The places held per stakeholder group, and how many people wait. Places held until
    the address is confirmed (double opt-in) count like confirmed ones."""
    from django.db.models import Count

    from events.models import Registration
    from events.registration.services import HOLDING_A_PLACE

    registrations = Registration.objects.filter(event_key=event.translation_key)
    held = dict(
        registrations.filter(HOLDING_A_PLACE)
        .values_list("stakeholder_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    waiting = registrations.exclude(HOLDING_A_PLACE).filter(status__in=["waiting", "pending"])
    return held, waiting.count()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("-n", type=int, default=500, help="registrations to send")
    parser.add_argument("-c", type=int, default=100, help="places of the event")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--cap-percent", type=int, default=30, help="private sector cap (%%)")
    parser.add_argument("--minimum", type=int, default=10, help="places kept for civil society")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("load tests target loopback only")

    event = setup_event(args.c)
    add_rules(event, args.cap_percent, args.minimum)
    people = [(number, GROUPS[number % len(GROUPS)]) for number in range(args.n)]
    people.sort(key=lambda person: person[1] == "civil-society")
    path = event.url
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(
            pool.map(
                lambda person: register(args.url, path, person[0], stakeholder_group=person[1]),
                people,
            )
        )
    elapsed = time.perf_counter() - started

    confirmed, waiting = held_by_group(event)
    total = sum(confirmed.values())
    cap = args.c * args.cap_percent // 100
    civil_wanted = sum(1 for _number, group in people if group == "civil-society")
    kept = min(args.minimum, civil_wanted)
    over_cap = max(confirmed.get("private-sector", 0) - cap, 0)
    minimum_taken = max(kept - confirmed.get("civil-society", 0), 0)
    latencies = sorted(latency for _status, latency in results)
    errors = sum(1 for status, _latency in results if status >= 400)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"registrations sent    {args.n} (capacity {args.c}, {args.concurrency} at a time)")
    print(f"rules                 private sector at most {args.cap_percent} % ({cap} places),")
    print(f"                      civil society at least {args.minimum} places")
    print(f"registrations/second  {args.n / elapsed:.1f}")
    print(f"latency median        {statistics.median(latencies) * 1000:.0f} ms")
    print(f"latency p99           {p99 * 1000:.0f} ms")
    for group, number in sorted(confirmed.items()):
        print(f"confirmed {group or '(none)':<12}{number}")
    print(f"confirmed             {total}")
    print(f"waiting               {waiting}")
    print(f"errors (HTTP >= 400)  {errors}")
    print(f"lost                  {args.n - total - waiting}")
    print(f"overbooked            {max(total - args.c, 0)}")
    print(f"over a cap            {over_cap}")
    print(f"taken from a minimum  {minimum_taken}")
    return 1 if total > args.c or over_cap or minimum_taken or errors else 0


if __name__ == "__main__":
    sys.exit(main())
