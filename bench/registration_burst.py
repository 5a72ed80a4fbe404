"""A registration burst against gunicorn with production settings; prints one table.

Usage (`make bench` runs the page benchmark; this one is run on its own):

    .venv/bin/python bench/registration_burst.py                  # SQLite under .bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/registration_burst.py

It uses the small benchmark site of `bench/pages.py` (made once, kept), starts gunicorn
with 2 workers and the production settings (DEBUG off, Redis database 7 as the cache,
flushed first) on loopback, and creates a fresh event with `--places` places, a waiting
list, double opt-in on and two balance rules (private sector at most 40 %, civil society at
least 10 places; civil society registers last). Then `--concurrency` clients send
`--registrations` people, each fetching the form, posting it and following the redirect to
the confirmation page, as a browser does. Printed: registrations per second, the median
and 99th percentile of one person's whole registration, errors, and what the database holds
afterwards: lost, overbooked, over a cap, taken from a minimum (all must be 0). Written
to `.bench/results/registration-burst.md` as well. Targets loopback only; stops by itself.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# After the path to this folder: the benchmark's own helpers.
import pages  # noqa: E402
from register_balance import GROUPS, add_rules, held_by_group  # noqa: E402
from register_load import register, setup_event  # noqa: E402

CAP_PERCENT = 40
MINIMUM = 10


def run_burst(base, path, registrations, concurrency, seen):
    people = [(number, GROUPS[number % len(GROUPS)]) for number in range(registrations)]
    people.sort(key=lambda person: person[1] == "civil-society")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(
            pool.map(
                lambda person: register(base, path, person[0], seen, stakeholder_group=person[1]),
                people,
            )
        )
    return results, time.perf_counter() - started, people


def hits(seen, page):
    return sum(1 for name, cache in seen if name == page and cache == "hit")


def database_outcome(event, places, people):
    held, waiting = held_by_group(event)
    total = sum(held.values())
    civil_wanted = sum(1 for _number, group in people if group == "civil-society")
    return {
        "with a place": total,
        "waiting": waiting,
        "lost": len(people) - total - waiting,
        "overbooked": max(total - places, 0),
        "over a cap": max(held.get("private-sector", 0) - places * CAP_PERCENT // 100, 0),
        "taken from a minimum": max(min(MINIMUM, civil_wanted) - held.get("civil-society", 0), 0),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=500)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8792)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()

    pages.WORK.mkdir(exist_ok=True)
    (pages.WORK / "results").mkdir(exist_ok=True)
    load_before = pages.load_average()
    # Every client comes from 127.0.0.1: the per-address limit would stop the burst.
    env = pages.server_env(args.redis_url, REGISTRATION_RATE_LIMIT="1000000")
    url, _seconds, _migrate = pages.prepare_site(
        env, os.environ.get("DATABASE_URL", ""), "small", pages.SMALL, False
    )
    pages.run_manage(env, url, "collectstatic", "--noinput", "-v0")
    os.environ.update(env, DATABASE_URL=url)
    event = setup_event(args.places)
    add_rules(event, CAP_PERCENT, MINIMUM, double_opt_in=True)

    pages.flush_redis(args.redis_url)
    server = pages.start_server(env, url, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    seen = []
    try:
        pages.wait_until_serving(server, args.port)
        pages.fetch(base + event.url)  # the worker that answers first loads the page's code
        results, elapsed, people = run_burst(
            base, event.url, args.registrations, args.concurrency, seen
        )
    finally:
        pages.stop_server(server)

    from django.conf import settings

    times = sorted(seconds for _status, seconds in results)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    outcome = database_outcome(event, args.places, people)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=pages.ROOT, capture_output=True, text=True
    ).stdout.strip()
    rows = {
        "registrations/s": f"{args.registrations / elapsed:.1f}",
        "median (form, post, confirmation)": f"{statistics.median(times) * 1000:.0f} ms",
        "p99": f"{p99 * 1000:.0f} ms",
        **{
            f"{page} from the page cache": f"{hits(seen, page)} of {args.registrations}"
            for page in ("form", "confirmation")
        },
        "errors (HTTP ≥ 400)": sum(1 for status, _seconds in results if status >= 400),
        **outcome,
    }
    lines = [
        f"Registration burst on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"commit {commit or 'unknown'}, {pages.machine()}; "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, gunicorn with "
        f"{args.workers} workers, production settings; {args.registrations} people for "
        f"{args.places} places, {args.concurrency} at a time, double opt-in on, private "
        f"sector at most {CAP_PERCENT} %, civil society at least {MINIMUM}; load average "
        f"{load_before} before, {pages.load_average()} after.",
        "",
        "| what | figure |",
        "| --- | ---: |",
        *(f"| {name} | {value} |" for name, value in rows.items()),
    ]
    table = "\n".join(lines)
    print(table)
    (pages.WORK / "results" / "registration-burst.md").write_text(table + "\n")
    failed = rows["errors (HTTP ≥ 400)"] or any(
        outcome[name] for name in ("lost", "overbooked", "over a cap", "taken from a minimum")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
