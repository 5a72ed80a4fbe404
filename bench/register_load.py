"""Fire N concurrent registrations at a running server for an event with C places.

Usage (the server must use the same database and allow many attempts per client):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/campaign_site
    export REGISTRATION_RATE_LIMIT=100000 DJANGO_SETTINGS_MODULE=campaign_site.settings.dev
    .venv/bin/gunicorn campaign_site.wsgi -w 2 -b 127.0.0.1:8001 --no-control-socket &
    .venv/bin/python bench/register_load.py --url http://127.0.0.1:8001 -n 500 -c 100

It creates a fresh event with C places and a waiting list, sends N registrations from
`--concurrency` threads (each fetches the form for its CSRF token, then posts), and prints
registrations per second, median and 99th-percentile time of one registration (form,
post and confirmation page), and what the
database holds afterwards. Targets loopback only; stops when all N are done.
"""

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.dev")


def setup_event(capacity):
    import datetime

    import django

    django.setup()
    from django.utils import timezone

    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.filter(locale__language_code="de").first()
    start = timezone.now() + datetime.timedelta(days=30)
    event = EventPage(
        title=f"Lasttest {int(time.time())}",
        start_date=start.date(),
        start_time=datetime.time(10, 0),
        time_zone="Europe/Berlin",
        format="online",
        registration=json.dumps(
            [
                {
                    "type": "on_site",
                    "value": {
                        "opens_at": None,
                        "closes_at": None,
                        "capacity": capacity,
                        "waiting_list": True,
                        "questions": [],
                    },
                }
            ]
        ),
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send secure cookies back over plain HTTP on loopback: production settings mark the
    CSRF cookie secure, and the benchmark talks to gunicorn without TLS."""

    def return_ok_secure(self, cookie, request):
        return True


def register(base_url, path, number, seen=None, **fields):
    """One person: fetch the form (for its CSRF token), post person `number` with `fields`
    added and follow the redirect to the confirmation page. Returns the HTTP status of the
    last answer and the seconds from the form's request to the confirmation page. `seen`:
    a list to which the form's and the confirmation page's X-Page-Cache are added."""
    jar = http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    started = time.perf_counter()
    with opener.open(base_url + path, timeout=60) as form:
        page = form.read().decode()
        if seen is not None:
            seen.append(("form", form.headers.get("X-Page-Cache")))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Person {number}",
            "email": f"load{number}-{int(time.time())}@example.org",
            "consent": "on",
            **fields,
        }
    ).encode()
    request = urllib.request.Request(base_url + path, data=data, headers={"Referer": base_url})
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            status = response.status
            if seen is not None:
                seen.append(("confirmation", response.headers.get("X-Page-Cache")))
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("-n", type=int, default=500, help="registrations to send")
    parser.add_argument("-c", type=int, default=100, help="places of the event")
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("load tests target loopback only")

    event = setup_event(args.c)
    path = event.url
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(lambda n: register(args.url, path, n), range(args.n)))
    elapsed = time.perf_counter() - started

    from events.models import Registration
    from events.registration.services import HOLDING_A_PLACE

    # With double opt-in (on by default) a registration holds its place, or its position on
    # the waiting list, until the address is confirmed: both count as decided, not lost.
    registrations = Registration.objects.filter(event_key=event.translation_key)
    confirmed = registrations.filter(HOLDING_A_PLACE).count()
    waiting = (
        registrations.exclude(HOLDING_A_PLACE).filter(status__in=["waiting", "pending"]).count()
    )
    latencies = sorted(latency for _status, latency in results)
    errors = sum(1 for status, _latency in results if status >= 400)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"registrations sent    {args.n} (capacity {args.c}, {args.concurrency} at a time)")
    print(f"registrations/second  {args.n / elapsed:.1f}")
    print(f"latency median        {statistics.median(latencies) * 1000:.0f} ms")
    print(f"latency p99           {p99 * 1000:.0f} ms")
    print(f"with a place          {confirmed} (confirmed, or held until the address is confirmed)")
    print(f"waiting               {waiting}")
    print(f"errors (HTTP >= 400)  {errors}")
    print(f"lost                  {args.n - confirmed - waiting}")
    print(f"overbooked            {max(confirmed - args.c, 0)}")
    return 1 if confirmed > args.c or errors else 0


if __name__ == "__main__":
    sys.exit(main())
