"""Compare our public pages with Wagtail's bakerydemo, side by side in one run; print one table.

Usage (a clone of Wagtail's bakerydemo repository made beforehand, and a Python it supports;
its current version wants Django 6.0, so Python 3.12 or newer):

    .venv/bin/python bench/bakerydemo.py --checkout ../bakerydemo --python python3.12
    .venv/bin/python bench/bakerydemo.py --checkout ../bakerydemo --python python3.12 \\
        --duration 3 --renders 5                                   # a quick trial

The two targets of the performance issue it checks, for each pair of comparable pages (our
overview and bakerydemo's home, insight index and blog index, the newest insight page and
the newest blog page, our search for the benchmark's word (10 results shown) and
bakerydemo's for "bread" (8, the most of any word of its content but "the", "and", "with" and
"from"), our "about the campaign" standard page and bakerydemo's "about"):

- cold render, every cache off: ours in at most two thirds of bakerydemo's median time;
- a visitor with a session on ours: at least three times bakerydemo's anonymous throughput.

Steps, each made once and reused while its inputs are the same:

1. bakerydemo: a virtualenv in `.bench/bakerydemo/venv` made with `--python`, with the
   checkout's own `requirements.txt` (its production requirements) and our version of
   gunicorn installed by pip; an SQLite database (`.bench/bakerydemo/db.sqlite3`) migrated
   and filled with its demo content (`manage.py load_initial_data`); its static files
   collected. Its settings: its own `bakerydemo.settings.production` through
   `bench/bakerydemo_settings.py`, which only moves its media and collected static files into
   `.bench/bakerydemo/`: DEBUG off, WhiteNoise, database search, and its own cache when no
   REDIS_URL is set, which is local memory in each process ("default" only; Wagtail keeps
   image renditions there too). Nothing is written into the checkout; a `.env` in it is read
   by bakerydemo as usual, but REDIS_URL, REDIS_TLS_URL and ELASTICSEARCH_ENDPOINT are set
   empty so that it cannot switch them on.
2. Ours: the small (demo-sized) site of `bench/pages.py` (`.bench/small.sqlite3`), static
   files collected, production settings, the Redis cache `--redis-url` (flushed first).
   Both sites on SQLite, whatever DATABASE_URL says.
3. Cold render: queries and the median of `--renders` renders through Django's test client
   in one process, every cache replaced by a dummy one, after one warm-up request
   (`render.measure` of `bench/render.py`): bakerydemo's pages in its own Python
   (`bench/bakerydemo_render.py`), ours in this process.
4. Throughput: both sites under gunicorn at once (our gunicorn version, `--workers` sync
   workers each, ours with its `gunicorn.conf.py`, bakerydemo with gunicorn's defaults) on
   loopback; for each pair bakerydemo's page anonymously, then ours with a session cookie
   (which our page cache never answers), each warmed up and driven by wrk exactly as
   `bench/pages.py` does (its `drive`); a small static file of each site (WhiteNoise)
   before and after, as the yardstick.

Not alike, and said in the table: the Django and Python versions (bakerydemo's own), our
pages in German under a language prefix, our server logging every request (its
`gunicorn.conf.py`), Redis for ours against local memory for bakerydemo's cache.

Prints a Markdown table and writes it to `.bench/results/bakerydemo.md`, the figures to
`.bench/results/bakerydemo.json`; the servers' logs go to `.bench/bakerydemo-gunicorn.log`
and `.bench/bakerydemo-ours-gunicorn.log`. Targets loopback only; stops by itself and stops
both servers.
"""

import argparse
import datetime
import hashlib
import importlib.metadata
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# After the path to this folder: the benchmark's own helpers.
import pages  # noqa: E402
import render  # noqa: E402

BENCH = Path(__file__).resolve().parent
BAKERY = pages.WORK / "bakerydemo"
VENV = BAKERY / "venv"
RESULTS = pages.WORK / "results"
BAKERY_SEARCH_TERM = "bread"
# Our page and bakerydemo's page it is compared with.
PAIRS = [
    ("overview", "home"),
    ("insight index", "blog index"),
    ("insight page", "blog page"),
    ("search", "search"),
    ("standard page", "standard page"),
]
# The targets of the performance issue.
MAX_COLD_RATIO = 2 / 3
MIN_SESSION_RATIO = 3
# bakerydemo's figures measured by hand in the issue: anonymous req/s, cold ms, cold queries.
ISSUE_FIGURES = {
    "home": (38, 89, 83),
    "blog index": (51, 86, 84),
    "blog page": (77, 32, 29),
    "search": (39, 57, 51),
    "standard page": (120, 18, 14),
}


def log(message):
    print(f"[bakerydemo] {message}", file=sys.stderr, flush=True)


def digest(*paths):
    hashed = hashlib.sha256()
    for path in paths:
        hashed.update(path.name.encode())
        hashed.update(path.read_bytes())
    return hashed.hexdigest()[:16]


def git_commit(folder):
    def git(*arguments):
        return subprocess.run(
            ["git", "-C", str(folder), *arguments], capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with local changes)" if git("status", "--porcelain") else "")


def read_marker(path, wanted):
    """Whether the JSON file `path` notes exactly `wanted` (what was made with which inputs)."""
    if not path.exists():
        return False
    noted = json.loads(path.read_text())
    return {key: noted.get(key) for key in wanted} == wanted


# --- bakerydemo -----------------------------------------------------------------------------


def prepare_venv(checkout, python):
    """bakerydemo's virtualenv with its requirements and our gunicorn; its Python."""
    requirements = checkout / "requirements.txt"
    version = subprocess.run(
        [python, "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    gunicorn = importlib.metadata.version("gunicorn")
    wanted = {
        "python": f"{python} {version}",
        "requirements": digest(requirements, *sorted((checkout / "requirements").glob("*.txt"))),
        "gunicorn": gunicorn,
    }
    marker = BAKERY / "venv.json"
    venv_python = VENV / "bin" / "python"
    if venv_python.exists() and read_marker(marker, wanted):
        log(f"reusing bakerydemo's virtualenv ({VENV.relative_to(pages.ROOT)})")
        return venv_python
    log(f"creating bakerydemo's virtualenv with Python {version} and installing its requirements")
    marker.unlink(missing_ok=True)
    subprocess.run([python, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run(
        [
            venv_python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "-r",
            requirements,
            f"gunicorn=={gunicorn}",
        ],
        cwd=checkout,
        check=True,
        stdout=sys.stderr,
    )
    marker.write_text(json.dumps(wanted))
    return venv_python


def bakerydemo_env(checkout, url):
    """bakerydemo's environment: its production settings, our folder for its files, loopback
    over plain HTTP, a fresh secret key; nothing else of ours."""
    inherited = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
    return dict(
        {name: os.environ[name] for name in inherited if name in os.environ},
        DJANGO_SETTINGS_MODULE="bakerydemo_settings",
        PYTHONPATH=os.pathsep.join([str(checkout), str(BENCH)]),
        BAKERYDEMO_FILES=str(BAKERY),
        DATABASE_URL=url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        # Empty but set, so that a .env in the checkout cannot set them: bakerydemo's own
        # cache without Redis (local memory) and its database search.
        REDIS_URL="",
        REDIS_TLS_URL="",
        ELASTICSEARCH_ENDPOINT="",
    )


def run_bakerydemo(venv_python, checkout, env, *arguments):
    # Progress goes to stderr: stdout is the table.
    subprocess.run(
        [venv_python, "manage.py", *arguments],
        cwd=checkout,
        env=env,
        check=True,
        stdout=sys.stderr,
    )


def prepare_bakerydemo(venv_python, checkout, env, regenerate):
    """Migrate bakerydemo's database and load its demo content, unless already done."""
    url = env["DATABASE_URL"]
    fixture = checkout / "bakerydemo" / "base" / "fixtures" / "bakerydemo.json"
    wanted = {"url": url, "commit": git_commit(checkout), "fixture": digest(fixture)}
    marker = BAKERY / "site.json"
    if not regenerate and read_marker(marker, wanted):
        log(f"reusing bakerydemo's demo content ({url})")
        run_bakerydemo(venv_python, checkout, env, "migrate", "--noinput", "-v0")
    else:
        log(f"loading bakerydemo's demo content ({url})")
        marker.unlink(missing_ok=True)
        pages.recreate_database(url)
        shutil.rmtree(BAKERY / "media", ignore_errors=True)
        run_bakerydemo(venv_python, checkout, env, "migrate", "--noinput", "-v0")
        run_bakerydemo(venv_python, checkout, env, "load_initial_data")
        marker.write_text(json.dumps(wanted))
    run_bakerydemo(venv_python, checkout, env, "collectstatic", "--noinput", "-v0")


def measure_bakerydemo(venv_python, checkout, env, renders):
    output = subprocess.run(
        [
            venv_python,
            str(BENCH / "bakerydemo_render.py"),
            f"--renders={renders}",
            f"--search-term={BAKERY_SEARCH_TERM}",
        ],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    if output.returncode:
        sys.stderr.write(output.stderr)
        raise SystemExit("measuring bakerydemo's pages failed")
    return json.loads(output.stdout.strip().splitlines()[-1])


def start_bakerydemo(venv_python, checkout, env, port, workers, output):
    command = [
        str(venv_python.parent / "gunicorn"),
        "bakerydemo.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",
        "--log-level=warning",
    ]
    return subprocess.Popen(command, cwd=checkout, env=env, stdout=output, stderr=output)


def wait_for(server, url):
    """Until `url` answers (bakerydemo has no robots.txt for `pages.wait_until_serving`)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            pages.fetch(url)
            return
        except OSError:
            if server.poll() is not None:
                raise SystemExit("bakerydemo's gunicorn did not start") from None
            time.sleep(0.5)
    raise SystemExit("bakerydemo's gunicorn did not answer within 120 s")


# --- ours -----------------------------------------------------------------------------------


def measure_ours(env, url, renders):
    """Our side of the pairs, measured in this process with the server's settings."""
    os.environ.update(env, DATABASE_URL=url)
    import django

    django.setup()

    from wagtail.models import Locale

    from campaign_site.demo.pages import STANDARD_PAGES
    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(locale=Locale.get_default(), depth=2)
    about = StandardPage.objects.live().child_of(home).get(slug=STANDARD_PAGES[0]["slug"])
    urls = dict(render.page_urls(), **{"standard page": about.url})
    measured = render.measure(max(renders, 1), 10, [(ours, urls[ours]) for ours, _ in PAIRS])
    return {"pages": measured, "static_url": render.static_url(), **render.setup_summary()}


# --- report ---------------------------------------------------------------------------------


def yes(condition):
    return "met" if condition else "**not met**"


def side_text(side):
    caches = ", ".join(f"{alias}: {backend}" for alias, backend in side["caches"].items())
    return (
        f"Django {side['django']}, Wagtail {side['wagtail']}, Python {side['python']}, "
        f"{side['database']}, DEBUG {'on' if side['debug'] else 'off'}, caches ({caches})"
    )


def static_mean(before, after):
    return (before["rps"] + after["rps"]) / 2


def report(context, rows, ours, bakery, statics):
    lines = [
        f"Comparison with bakerydemo of {context['date']}",
        "",
        f"- ours: commit {context['commit']}, {side_text(ours)}; the small benchmark site "
        f"({context['small_sizes']}); throughput with the Redis cache {context['redis_url']}",
        f"- bakerydemo: commit {context['bakerydemo_commit']}, {side_text(bakery)}; its demo "
        "content (`load_initial_data`), settings `bakerydemo.settings.production` (no REDIS_URL)",
        f"- machine: {context['machine']}; load average before / after the run: "
        f"{context['load_before']} and {context['load_after']}",
        f"- cold render: median of up to {context['renders']} requests through Django's test "
        "client in one process, every cache replaced by a dummy one, after one warm-up request",
        f"- throughput: gunicorn {context['gunicorn']}, {context['workers']} sync workers per "
        f"site, both running; wrk, 1 thread, {context['connections']} connections, "
        f"{context['duration']} s per URL after {context['warmup']} s of sequential warm-up "
        "requests, loopback; ours with a session cookie, bakerydemo anonymous",
        "- not alike: the versions above; ours logs every request (its `gunicorn.conf.py`), "
        "bakerydemo none; our pages are German under a language prefix; searched for: "
        f'ours "{render.SEARCH_TERM}", bakerydemo "{BAKERY_SEARCH_TERM}"',
        f"- static yardstick (WhiteNoise, mean of before and after the pages): ours "
        f"{static_mean(*statics['ours']):.0f} req/s, bakerydemo "
        f"{static_mean(*statics['bakerydemo']):.0f} req/s",
        "",
        "| ours ↔ bakerydemo | bakerydemo cold ms / SQL | ours cold ms / SQL "
        f"| cold ratio (≤ {MAX_COLD_RATIO:.2f}) | cold | bakerydemo anonymous req/s "
        f"| ours with a session req/s | throughput ratio (≥ {MIN_SESSION_RATIO}) | throughput "
        "| errors (bakerydemo / ours) |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        mine, theirs = row["ours"], row["bakerydemo"]
        lines.append(
            f"| {mine['name']} `{mine['url']}` ↔ {theirs['name']} `{theirs['url']}` | "
            f"{theirs['render_cold_ms']:.1f} / {theirs['queries_cold']} | "
            f"{mine['render_cold_ms']:.1f} / {mine['queries_cold']} | "
            f"{row['cold_ratio']:.2f} | {yes(row['cold_met'])} | "
            f"{theirs['load']['rps']:.1f} | {mine['session']['rps']:.1f} | "
            f"{row['throughput_ratio']:.1f} | {yes(row['throughput_met'])} | "
            f"{theirs['load']['errors']} / {mine['session']['errors']} |"
        )
    cold_missed = [row["ours"]["name"] for row in rows if not row["cold_met"]]
    throughput_missed = [row["ours"]["name"] for row in rows if not row["throughput_met"]]
    statuses = [
        f"{side} {page['name']} answered {page[load]['status']}"
        for row in rows
        for side, page, load in (
            ("ours", row["ours"], "session"),
            ("bakerydemo", row["bakerydemo"], "load"),
        )
        if page[load]["status"] != 200
    ]
    lines += [
        "",
        "Targets:",
        "",
        f"- cold render, every cache off, in at most {MAX_COLD_RATIO:.0%} of bakerydemo's "
        f"time: {yes(not cold_missed)}" + (f" ({', '.join(cold_missed)})" if cold_missed else ""),
        f"- with a session, at least {MIN_SESSION_RATIO}× bakerydemo's anonymous throughput: "
        f"{yes(not throughput_missed)}"
        + (f" ({', '.join(throughput_missed)})" if throughput_missed else ""),
    ]
    if statuses:
        lines.append(f"- every page answered 200: **no** ({'; '.join(statuses)})")
    lines += [
        "",
        "bakerydemo measured by hand in the issue (anonymous req/s, cold ms / SQL): "
        + ", ".join(
            f"{name} {rps}, {ms} / {queries}" for name, (rps, ms, queries) in ISSUE_FIGURES.items()
        )
        + ".",
    ]
    return "\n".join(lines) + "\n"


# --- main -----------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, required=True, help="a bakerydemo checkout")
    parser.add_argument("--python", required=True, help="a Python that bakerydemo supports")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument(
        "--warmup", type=int, default=2, help="seconds of sequential warm-up requests per URL"
    )
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per site")
    parser.add_argument("--port", type=int, default=8795, help="ours; bakerydemo's is the next")
    parser.add_argument("--renders", type=int, default=30, help="cold renders per page")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/11",
        help="our server's cache, flushed first; empty for local memory per worker",
    )
    parser.add_argument("--regenerate", action="store_true", help="make both sites' content anew")
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    if not (checkout / "bakerydemo" / "settings" / "production.py").exists():
        parser.error(f"{checkout} is not a bakerydemo checkout")
    python = shutil.which(args.python)
    if python is None:
        parser.error(f"no Python at {args.python}")
    if shutil.which("wrk") is None:
        parser.error("wrk is missing: apt-get install -y wrk (make bench does it)")
    # A stop from outside still stops the servers (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))

    BAKERY.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    load_before = pages.load_average()

    venv_python = prepare_venv(checkout, python)
    bakery_env = bakerydemo_env(checkout, f"sqlite:///{BAKERY / 'db.sqlite3'}")
    prepare_bakerydemo(venv_python, checkout, bakery_env, args.regenerate)
    env = pages.server_env(args.redis_url)
    small_url, _seconds, _migrate = pages.prepare_site(
        env, "", "small", pages.SMALL, args.regenerate
    )
    log("collecting our static files")
    pages.run_manage(env, small_url, "collectstatic", "--noinput", "-v0")

    log("cold renders of bakerydemo's pages (its Python, one process)")
    bakery = measure_bakerydemo(venv_python, checkout, bakery_env, args.renders)
    log("cold renders of our pages (this process)")
    pages.flush_redis(args.redis_url)
    ours = measure_ours(env, small_url, args.renders)
    bakery_pages = {page["name"]: page for page in bakery["pages"]}
    our_pages = {page["name"]: page for page in ours["pages"]}

    pages.flush_redis(args.redis_url)
    port, bakery_port = args.port, args.port + 1
    log(f"starting gunicorn for ours on 127.0.0.1:{port}, for bakerydemo on :{bakery_port}")
    our_log = (pages.WORK / "bakerydemo-ours-gunicorn.log").open("w")
    bakery_log = (pages.WORK / "bakerydemo-gunicorn.log").open("w")
    server = pages.start_server(env, small_url, port, args.workers, output=our_log)
    bakery_server = None
    base, bakery_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bakery_port}"
    try:
        bakery_server = start_bakerydemo(
            venv_python, checkout, bakery_env, bakery_port, args.workers, bakery_log
        )
        pages.wait_until_serving(server, port)
        wait_for(bakery_server, bakery_base + bakery["static_url"])
        statics = {"ours": [], "bakerydemo": []}

        def static_files():
            log("static files")
            for side, url, static in (
                ("bakerydemo", bakery_base, bakery["static_url"]),
                ("ours", base, ours["static_url"]),
            ):
                statics[side].append(pages.drive(url, static, args, static))

        static_files()
        rows = []
        for mine, theirs in PAIRS:
            bakery_page, our_page = bakery_pages[theirs], our_pages[mine]
            log(f"bakerydemo {theirs}, anonymous: {bakery_page['url']}")
            bakery_page["load"] = pages.drive(
                bakery_base,
                bakery_page["url"],
                args,
                bakery["static_url"],
                bakery_page["render_cold_ms"] / 1000,
            )
            log(f"our {mine}, with a session: {our_page['url']}")
            our_page["session"] = pages.drive(
                base,
                our_page["url"],
                args,
                ours["static_url"],
                our_page["render_cold_ms"] / 1000,
                [pages.SESSION_COOKIE],
            )
            cold_ratio = our_page["render_cold_ms"] / bakery_page["render_cold_ms"]
            throughput_ratio = our_page["session"]["rps"] / max(bakery_page["load"]["rps"], 1e-9)
            rows.append(
                {
                    "ours": our_page,
                    "bakerydemo": bakery_page,
                    "cold_ratio": cold_ratio,
                    "cold_met": cold_ratio <= MAX_COLD_RATIO,
                    "throughput_ratio": throughput_ratio,
                    "throughput_met": throughput_ratio >= MIN_SESSION_RATIO
                    and our_page["session"]["status"] == 200
                    and not our_page["session"]["errors"],
                }
            )
        static_files()
    finally:
        pages.stop_server(server)
        if bakery_server is not None:
            pages.stop_server(bakery_server)
        our_log.close()
        bakery_log.close()

    context = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(pages.ROOT),
        "bakerydemo_commit": git_commit(checkout),
        "machine": pages.machine(),
        "load_before": load_before,
        "load_after": pages.load_average(),
        "small_sizes": pages.sizes_text(pages.SMALL),
        "redis_url": args.redis_url or "(none: local memory)",
        "gunicorn": importlib.metadata.version("gunicorn"),
        "workers": args.workers,
        "connections": args.connections,
        "warmup": args.warmup,
        "duration": args.duration,
        "renders": args.renders,
    }
    table = report(context, rows, ours, bakery, statics)
    print(table)
    (RESULTS / "bakerydemo.md").write_text(table)
    figures = dict(context, pairs=rows, ours=ours, bakerydemo=bakery, static=statics)
    (RESULTS / "bakerydemo.json").write_text(json.dumps(figures, indent=2))
    log("written to .bench/results/bakerydemo.md and .bench/results/bakerydemo.json")


if __name__ == "__main__":
    main()
