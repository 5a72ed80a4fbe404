"""Benchmark the public pages under gunicorn against a large generated site; print one table.

Usage (`make bench` installs wrk if missing and runs this with the defaults):

    .venv/bin/python bench/pages.py                       # SQLite files under .bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --events 50 --insights 200 --duration 5   # quicker

Steps: create the benchmark databases (SQLite files in `.bench/`, or the PostgreSQL
databases `campaign_site_bench_large` and `campaign_site_bench_small` on the server named by
DATABASE_URL; never the database DATABASE_URL itself), migrate them and generate a large
and a small site (`manage.py generate_large_site`; kept and reused while the sizes are the
same, `--regenerate` forces it), collect static files, measure queries and uncached render
times in one process (`bench/render.py`), then start gunicorn with 2 workers and
production settings (DEBUG off) on loopback, warm each URL up and drive it with wrk for a
fixed duration and number of connections. A small static file served through the same
stack (gunicorn + WhiteNoise) is measured before and after the pages as the yardstick.
The Redis cache (`--redis-url`, database 7 by default) is flushed before the run.

Prints a Markdown table and the targets of the performance issue (met or not met), and
writes both to `.bench/results/`. Targets loopback only; stops by itself.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".bench"
PYTHON = sys.executable
LARGE = {"events": 500, "insights": 2000, "partners": 300, "people": 300, "images": 60,
         "registrations": 3000}  # fmt: skip
SMALL = {"events": 10, "insights": 10, "partners": 10, "people": 10, "images": 5,
         "registrations": 20}  # fmt: skip
WRK_REPORT = ROOT / "bench" / "wrk_report.lua"

# The targets of the performance issue.
MAX_QUERIES = 12
MAX_COLD_QUERIES = 15
MIN_STATIC_RATIO = 0.5
MAX_DETAIL_RENDER_MS = 25
DETAIL_PAGES = ("event page (open form)", "insight page")


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- databases ------------------------------------------------------------------------------


def database_url(base_url, name):
    """The benchmark database `name`: an SQLite file, or a database on the given server."""
    if not base_url or base_url.startswith("sqlite"):
        return f"sqlite:///{WORK / (name + '.sqlite3')}"
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/campaign_site_bench_{name}"))


def recreate_database(url):
    if url.startswith("sqlite"):
        path = Path(urllib.parse.urlsplit(url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def marker_path(url):
    """Where the sizes and timings of the site in this database are noted."""
    parts = urllib.parse.urlsplit(url)
    label = Path(parts.path).stem if url.startswith("sqlite") else parts.path.lstrip("/")
    return WORK / f"{parts.scheme.split('+')[0]}-{label}.json"


def prepare_site(env, base_url, name, sizes, regenerate):
    """Migrate and generate the site `name` unless it exists with these sizes.

    Returns (database URL, seconds the generation took when it was made).
    """
    url = database_url(base_url, name)
    marker = marker_path(url)
    wanted = {"url": url, "sizes": sizes}
    if not regenerate and marker.exists():
        made = json.loads(marker.read_text())
        if {key: made.get(key) for key in wanted} == wanted:
            log(f"reusing the {name} site ({url})")
            run_manage(env, url, "migrate", "--noinput", "-v0")
            return url, made["generation_seconds"], made["migrate_seconds"]
    log(f"creating the {name} site ({url})")
    marker.unlink(missing_ok=True)
    recreate_database(url)
    started = time.perf_counter()
    run_manage(env, url, "migrate", "--noinput", "-v0")
    migrated = time.perf_counter() - started
    arguments = [f"--{key}={value}" for key, value in sizes.items()]
    started = time.perf_counter()
    run_manage(
        env,
        url,
        "generate_large_site",
        *arguments,
        settings="campaign_site.settings.dev",
    )
    generated = time.perf_counter() - started
    marker.write_text(
        json.dumps(dict(wanted, generation_seconds=generated, migrate_seconds=migrated))
    )
    log(f"{name} site: migrate {migrated:.0f} s, generation {generated:.0f} s")
    return url, generated, migrated


def server_env(redis_url, **more):
    """The environment of the benchmarked server: production settings on loopback, over
    plain HTTP, with a fresh secret key and the given cache."""
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="campaign_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_CONN_MAX_AGE="60",
        REDIS_URL=redis_url,
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / "media"),
        LOG_LEVEL="WARNING",
        **more,
    )


def run_manage(env, url, *arguments, settings=None):
    command_env = dict(env, DATABASE_URL=url)
    if settings:
        command_env["DJANGO_SETTINGS_MODULE"] = settings
    # Progress goes to stderr: stdout is the table.
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=command_env, check=True, stdout=sys.stderr
    )


# --- measuring ------------------------------------------------------------------------------


def in_process(env, url, renders):
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "render.py"), f"--renders={renders}"],
        cwd=ROOT,
        env=dict(env, DATABASE_URL=url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def flush_redis(redis_url):
    if not redis_url:
        return
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def start_server(env, url, port, workers, output=None):
    """gunicorn on loopback; its log goes to `output` (a file), else to this process's stderr."""
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "campaign_site.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",
        "--log-level=warning",
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=dict(env, DATABASE_URL=url), stdout=output or sys.stderr
    )


def wait_until_serving(server, port):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=30).read()
            return
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 120 s")


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wrk(url, duration, connections, headers=()):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout=30s", "--latency"]
    for header in headers:
        command += ["-H", header]
    command += ["-s", str(WRK_REPORT), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("{"))
    report = json.loads(line)
    report["rps"] = report["requests"] / (report["duration_us"] / 1e6)
    report["errors"] = sum(value for key, value in report.items() if key.startswith("errors_"))
    return report


def fetch(url):
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        return response.status


def warm_up(url, seconds):
    """Requests one after the other (at least three): caches filled, nothing left queued."""
    status = fetch(url)
    deadline = time.monotonic() + seconds
    count = 1
    while count < 3 or time.monotonic() < deadline:
        fetch(url)
        count += 1
    return status


def settle(base, static_path, render_seconds):
    """Wait until the requests wrk left behind are served.

    wrk stops after its duration with up to one request per connection still queued at the
    server, which would otherwise be served during the next URL's measurement. A request
    sent now is accepted after all of them; then at most one per other worker remains.
    """
    fetch(base + static_path)
    time.sleep(min(render_seconds * 2, 15))


def drive(base, path, args, static_path, render_seconds=0.0, headers=()):
    url = base + path
    status = warm_up(url, args.warmup)
    report = wrk(url, args.duration, args.connections, headers)
    report["status"] = status
    settle(base, static_path, render_seconds)
    return report


# A browser holding a session cookie (an editor, a member of staff, anyone who signed in
# once): the page cache never answers it, every page is rendered.
SESSION_COOKIE = "Cookie: sessionid=" + "0" * 32


# --- report ---------------------------------------------------------------------------------


def machine():
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def load_average():
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def milliseconds(microseconds):
    return f"{microseconds / 1000:.1f}"


def yes(condition):
    return "met" if condition else "**not met**"


def report(context, pages, small, static_before, static_after):
    static_rps = (static_before["rps"] + static_after["rps"]) / 2
    small_queries = {page["name"]: page["queries_miss"] for page in small["pages"]}
    lines = [
        f"Benchmark of {context['date']} (commit {context['commit']})",
        "",
        f"- machine: {context['machine']}; load average before / after the run: "
        f"{context['load_before']} and {context['load_after']}",
        f"- server: gunicorn, {context['workers']} sync workers, production settings "
        f"(DEBUG off), {context['database']}, cache {context['cache']}",
        f"- data: {context['sizes']}; generated in {context['generation']:.0f} s "
        f"(plus {context['migrate']:.0f} s migrations)",
        f"- load: wrk, 1 thread, {context['connections']} connections, {context['duration']} s "
        f"per URL after {context['warmup']} s of sequential warm-up requests, loopback",
        f"- static yardstick `{context['static_url']}`: {static_before['rps']:.0f} req/s "
        f"before the pages, {static_after['rps']:.0f} after (mean {static_rps:.0f})",
        "",
        "| page | requests | req/s | p50 ms | p99 ms | of static | req/s with a session "
        "| p99 ms with a session | SQL, page cache off "
        "(large / small) | SQL, page cache hit | render ms, page cache off "
        "| SQL, every cache off | render ms, every cache off | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for page in pages:
        load = page["load"]
        if load["requests"]:
            p50, p99 = milliseconds(load["p50_us"]), milliseconds(load["p99_us"])
        else:  # none finished within the duration
            p50 = p99 = f"> {context['duration'] * 1000}"
        lines.append(
            f"| {page['name']} `{page['url']}` | {load['requests']} | {load['rps']:.1f} | "
            f"{p50} | {p99} | {load['rps'] / static_rps:.1%} | "
            f"{page['session']['rps']:.1f} | {milliseconds(page['session']['p99_us'])} | "
            f"{page['queries_miss']} / {small_queries.get(page['name'], '–')} | "
            f"{page['queries_cached']} | {page['render_miss_ms']:.1f} | "
            f"{page['queries_cold']} | {page['render_cold_ms']:.1f} | "
            f"{load['errors'] + page['session']['errors']} |"
        )
    lines.append(
        f"| static file | {static_before['requests'] + static_after['requests']} | "
        f"{static_rps:.1f} | "
        f"{milliseconds(static_before['p50_us'])} | {milliseconds(static_before['p99_us'])} | "
        f"100% | – | – | – | – | – | – | – | "
        f"{static_before['errors'] + static_after['errors']} |"
    )
    too_many = [p["name"] for p in pages if p["queries_miss"] > MAX_QUERIES]
    too_many_cold = [p["name"] for p in pages if p["queries_cold"] > MAX_COLD_QUERIES]
    growing = [p["name"] for p in pages if p["queries_miss"] != small_queries.get(p["name"])]
    slow = [p["name"] for p in pages if p["load"]["rps"] / static_rps < MIN_STATIC_RATIO]
    details = {p["name"]: p["render_miss_ms"] for p in pages if p["name"] in DETAIL_PAGES}
    slow_details = [name for name, ms in details.items() if ms > MAX_DETAIL_RENDER_MS]
    cold = {p["name"]: p["render_cold_ms"] for p in pages if p["name"] in DETAIL_PAGES}
    lines += [
        "",
        "Targets:",
        "",
        f"- every public page in at most {MAX_QUERIES} SQL queries (page cache off, large "
        f"site): {yes(not too_many)}" + (f" ({', '.join(too_many)})" if too_many else ""),
        f"- every public page in at most {MAX_COLD_QUERIES} SQL queries with every cache off "
        f"(large site): {yes(not too_many_cold)}"
        + (f" ({', '.join(too_many_cold)})" if too_many_cold else ""),
        f"- the same number of queries at the small and the large site: {yes(not growing)}"
        + (f" ({', '.join(growing)})" if growing else ""),
        f"- anonymous page views at ≥ {MIN_STATIC_RATIO:.0%} of the static file's throughput: "
        f"{yes(not slow)}" + (f" ({', '.join(slow)})" if slow else ""),
        f"- render of a detail page with the page cache off ≤ {MAX_DETAIL_RENDER_MS} ms median "
        f"in one process: {yes(not slow_details)} ("
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in details.items())
        + "; with every cache off: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in cold.items())
        + ")",
        "",
        "Page cache off: the page is rendered, the fragments pages share (header, footer, "
        "routes, image HTML, a page's relations) come from the configured cache, after one "
        "warm-up request; this is what visitors with a session, editors, sent forms and "
        "events whose places changed cost. Every cache off: all caches replaced by a dummy "
        "one, the first view after content changed. With a session: the same URL with a "
        "session cookie, which the page cache never answers. Page cache hit: a repeated anonymous "
        f"request. Small site: {context['small_sizes']}. Render ms: median of up to "
        f"{context['renders']} requests through Django's test client in one process (no "
        "network, no gunicorn).",
    ]
    return "\n".join(lines) + "\n"


# --- main -----------------------------------------------------------------------------------


def sizes_text(sizes):
    return ", ".join(f"{value} {key}" for key, value in sizes.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for key, value in LARGE.items():
        parser.add_argument(f"--{key}", type=int, default=value, help=f"default {value}")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument(
        "--warmup", type=int, default=2, help="seconds of sequential warm-up requests per URL"
    )
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--renders", type=int, default=30, help="uncached renders per page")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/7",
        help="cache of the server, flushed first; empty for local memory per worker",
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the sites anew")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        parser.error("wrk is missing: apt-get install -y wrk (make bench does it)")

    WORK.mkdir(exist_ok=True)
    (WORK / "results").mkdir(exist_ok=True)
    load_before = load_average()
    base_url = os.environ.get("DATABASE_URL", "")
    env = server_env(args.redis_url)
    large_sizes = {key: getattr(args, key) for key in LARGE}
    large_url, generation, migrate = prepare_site(
        env, base_url, "large", large_sizes, args.regenerate
    )
    small_url, _seconds, _migrate = prepare_site(env, base_url, "small", SMALL, args.regenerate)
    log("collecting static files")
    run_manage(env, large_url, "collectstatic", "--noinput", "-v0")

    log("measuring queries and render times in one process (small site)")
    flush_redis(args.redis_url)
    small = in_process(env, small_url, 1)
    log("measuring queries and render times in one process (large site)")
    flush_redis(args.redis_url)
    large = in_process(env, large_url, args.renders)

    flush_redis(args.redis_url)
    log(f"starting gunicorn on 127.0.0.1:{args.port}")
    server = start_server(env, large_url, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_serving(server, args.port)
        log("static file")
        static_before = drive(base, large["static_url"], args, large["static_url"])
        pages = []
        for page in large["pages"]:
            log(f"{page['name']}: {page['url']}")
            seconds = page["render_cold_ms"] / 1000
            load = drive(base, page["url"], args, large["static_url"], seconds)
            session = drive(base, page["url"], args, large["static_url"], seconds, [SESSION_COOKIE])
            pages.append(dict(page, load=load, session=session))
        log("static file again")
        static_after = drive(base, large["static_url"], args, large["static_url"])
    finally:
        stop_server(server)

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    context = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "workers": args.workers,
        "database": large["database"],
        "cache": large["cache"],
        "sizes": sizes_text(large_sizes),
        "small_sizes": sizes_text(SMALL),
        "generation": generation,
        "migrate": migrate,
        "connections": args.connections,
        "warmup": args.warmup,
        "duration": args.duration,
        "renders": args.renders,
        "static_url": large["static_url"],
    }
    table = report(context, pages, small, static_before, static_after)
    print(table)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    for name in ("latest.md", f"{stamp}.md"):
        (WORK / "results" / name).write_text(table)
    log(f"written to .bench/results/latest.md and .bench/results/{stamp}.md")


if __name__ == "__main__":
    main()
