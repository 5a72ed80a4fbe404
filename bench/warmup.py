"""How long the whole site takes to be warm again after one publish; prints one table.

Usage (run on its own; `make bench` does not run it):

    .venv/bin/python bench/warmup.py                                  # SQLite under .bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/warmup.py
    .venv/bin/python bench/warmup.py --events 50 --insights 200       # a smaller site
    .venv/bin/python bench/warmup.py --limit 300 --visitors 4         # the first 300 URLs only

A publish that changes what other pages show of a page (its title, teaser, tags, ...)
renews the shared version (`campaign_site/cache/versions.py`), so every page in every
language is rendered cold once afterwards; one that changes its body alone renews that page
only. This measures the warm-up after either (`--change teaser`, the default, or
`--change text`).

Steps: the large site of `bench/pages.py` (the same databases, made once and kept while the
sizes are the same; `--regenerate` makes it anew), static files collected, then gunicorn
with 2 workers and the production settings (DEBUG off, Redis database 8 as the cache,
flushed first) on loopback. The URLs: every live public page in every language, plus each
language's search for the benchmark's word, RSS feed and calendar feed; languages
interleaved and page types mixed, so that `--limit N` (the first N URLs only) still
samples the whole site. `--visitors` concurrent visitors (8 by default) then request them,
each URL once per pass, in a random order (`--seed`):

1. a small static file as many times as there are URLs (at most 2,000), through the same
   stack (gunicorn and WhiteNoise): the yardstick, with the same client;
2. warm-up from an empty cache, repeated for the URLs that do not answer from the page cache
   yet (`X-Page-Cache: hit`), at most four passes;
3. one pass with every page warm (before the publish);
4. one change published as an editor would, in this process with the server's settings,
   database and cache: a new revision of an insight page (its teaser changed, or a
   paragraph added to or taken from its text) saved and published with
   `revision.publish()`. The generated site has no revisions; the insight gets its first
   one before the warm-up, as any page edited in the admin has;
5. one pass right after it: the time until every page has been rendered and kept again
   (`X-Page-Cache: miss` means rendered and stored, so the next visitor gets a hit), the
   number of cold renders, each request's latency and the requests per second;
6. one more pass to check that every page answers from the page cache again.

Prints a Markdown table and writes it to `.bench/results/warmup-CHANGE.md`, the figures to
`.bench/results/warmup-CHANGE.json` (CHANGE: `teaser` or `text`); gunicorn's log goes to
`.bench/warmup-gunicorn.log`. Targets loopback only; each pass requests each URL once (60 s
timeout per request), so it stops by itself, and it stops its gunicorn.

Every URL is rendered cold at least twice (the first warm-up and after the publish). On 2
shared cores that went at about 5 pages a second for the first warm-up of a new site (its
image renditions are made then) and 14 after a publish: `--limit 2500` took 18 minutes
besides generating the site, all 7,566 URLs of the large site take about three times as long.
"""

import argparse
import datetime
import json
import math
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# After the path to this folder: the benchmark's own helpers.
import pages  # noqa: E402
import render  # noqa: E402

REQUEST_TIMEOUT = 60
WARM_UP_PASSES = 4
MAX_STATIC_REQUESTS = 2000
PROGRESS_EVERY = 1000
# Added to (or taken from) the insight's teaser: a visible change, undone by the next run.
CHANGE_MARK = " (updated)"
# A paragraph added to (or taken from) the end of the insight's text, the same way.
TEXT_MARK = "<p>Updated: one more sentence at the end of the text.</p>"
CHANGES = {"teaser": "teaser changed", "text": "a paragraph of its text changed"}
STATIC_PHASE = "static file (yardstick)"
# A content version that moved by more than this was started again from the clock (ns).
CLOCK_RESTART = 10**6


def log(message):
    print(f"[warmup] {message}", file=sys.stderr, flush=True)


# --- the site -------------------------------------------------------------------------------


def site_urls():
    """Each language's search and feeds, then every live public page in every language.

    The pages level by level, the first child of each parent before the second of any (so
    that the first N URLs mix the page types), languages interleaved. Returns (URLs;
    {language: number of pages}; {URL: what it is}). Needs Django set up.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation

    from wagtail.models import Locale, Page

    from events.models import EventIndexPage
    from insights.models import InsightIndexPage

    by_language, extras, kinds = {}, [], {}
    for locale in Locale.objects.order_by("pk"):
        language = locale.language_code
        pages_here = Page.objects.live().public().filter(locale=locale, depth__gte=2)
        urls = []
        in_order = sorted(pages_here, key=lambda page: (page.depth, page.path[-4:], page.path))
        for page in in_order:
            url = page.get_url()
            if url:
                urls.append(url)
                with translation.override("en"):
                    kinds[url] = ContentType.objects.get_for_id(page.content_type_id).name
        if not urls:
            continue
        by_language[language] = urls
        search = f"/{language}/search/?q={urllib.parse.quote(render.SEARCH_TERM)}"
        extras.append(search)
        kinds[search] = "search"
        for index in InsightIndexPage.objects.live().filter(locale=locale):
            extras.append(f"{index.url}feed/rss/")
            kinds[extras[-1]] = "RSS feed"
        for index in EventIndexPage.objects.live().filter(locale=locale):
            extras.append(f"{index.url}calendar/")
            kinds[extras[-1]] = "calendar feed"
    interleaved = []
    for position in range(max(len(urls) for urls in by_language.values())):
        interleaved += [urls[position] for urls in by_language.values() if position < len(urls)]
    counts = {language: len(urls) for language, urls in by_language.items()}
    return extras + interleaved, counts, kinds


def insight_to_change():
    """The insight the benchmark changes: the newest in the source language (the one the
    page benchmark drives, when it has a hero image and names an event)."""
    from wagtail.models import Locale

    from insights.models import InsightPage

    insights = InsightPage.objects.live().filter(locale=Locale.get_default())
    return (
        insights.filter(hero_image__isnull=False, event_links__isnull=False)
        .order_by("-publication_date", "-pk")
        .first()
        or insights.order_by("-publication_date", "-pk").first()
    )


def give_a_live_revision(insight):
    """Publish `insight` unchanged once, if it has no live revision yet (the generator
    writes pages without revisions; a page edited in the admin always has one)."""
    page = type(insight).objects.get(pk=insight.pk)
    if page.live_revision_id is None:
        page.save_revision().publish()


def publish_one_change(insight, what):
    """Publish a new revision of `insight` with its teaser or text changed, as the admin
    does."""
    from django.core.cache import cache

    from campaign_site.cache.versions import CONTENT_VERSION_KEY

    page = type(insight).objects.get(pk=insight.pk)
    if what == "text":
        blocks = [dict(block) for block in page.body.raw_data]
        if blocks and blocks[-1].get("value") == TEXT_MARK:
            blocks.pop()
        else:
            blocks.append({"type": "paragraph", "value": TEXT_MARK})
        page.body = json.dumps(blocks)
    elif page.teaser.endswith(CHANGE_MARK):
        page.teaser = page.teaser[: -len(CHANGE_MARK)]
    else:
        page.teaser += CHANGE_MARK
    version_before = cache.get(CONTENT_VERSION_KEY)
    started = time.perf_counter()
    revision = page.save_revision(log_action=True)
    revision.publish()
    seconds = time.perf_counter() - started
    version_after = cache.get(CONTENT_VERSION_KEY)
    return {
        "url": page.url,
        "what": CHANGES[what],
        "publish_ms": seconds * 1000,
        "version_steps": (
            version_after - version_before
            if isinstance(version_before, int) and isinstance(version_after, int)
            else None
        ),
    }


class VersionWatch(threading.Thread):
    """Reads the content version twice a second while the server runs, to tell which passes
    saw it change: raised by a change, or started again from the clock (`_read_or_start`
    in versions.py) because its key was gone. Needs Django set up."""

    def __init__(self):
        super().__init__(daemon=True)
        self.changes = []  # (moment, old, new)
        self.first_ttl = None
        self.done = threading.Event()

    def run(self):
        from django.core.cache import cache

        from campaign_site.cache.versions import CONTENT_VERSION_KEY

        last = None
        while not self.done.wait(0.5):
            version = cache.get(CONTENT_VERSION_KEY)
            if version is not None and self.first_ttl is None:
                self.first_ttl = cache.ttl(CONTENT_VERSION_KEY)
            if version != last:
                self.changes.append((time.perf_counter(), last, version))
                last = version

    def describe(self, start, end):
        """What happened to the content version between two moments, in words."""
        steps, restarts = 0, 0
        for moment, old, new in self.changes:
            if not start <= moment <= end or old is None:
                continue
            if new is None or abs(new - old) > CLOCK_RESTART:
                restarts += new is None or not self._gone_just_before(moment)
            else:
                steps += new - old
        words = []
        if steps:
            words.append(f"+{steps}")
        if restarts:
            words.append(f"started again ×{restarts}")
        return ", ".join(words) or "unchanged"

    def _gone_just_before(self, moment):
        earlier = [new for when, _old, new in self.changes if when < moment]
        return bool(earlier) and earlier[-1] is None


# --- visitors -------------------------------------------------------------------------------


def request(base, path):
    """One anonymous GET: status, the page cache's answer and the moments it took."""
    status, answer = 0, ""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            status, answer = response.status, response.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return {
        "url": path,
        "status": status,
        "cache": answer,
        "started": started,
        "finished": time.perf_counter(),
    }


def visit(base, urls, visitors, label):
    """Request each of `urls` once, `visitors` at a time, in the order given.

    Returns (results, started, seconds)."""
    results = []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=visitors) as pool:
        for count, result in enumerate(pool.map(lambda url: request(base, url), urls), 1):
            results.append(result)
            if count % PROGRESS_EVERY == 0:
                log(f"{label}: {count} of {len(urls)} in {time.perf_counter() - started:.0f} s")
    return results, started, time.perf_counter() - started


def percentile(ordered, fraction):
    """The nearest-rank percentile of an ordered list."""
    return ordered[max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))]


def summary(results, seconds):
    latencies = sorted(r["finished"] - r["started"] for r in results)
    return {
        "requests": len(results),
        "seconds": seconds,
        "rps": len(results) / seconds if seconds else 0.0,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p90_ms": percentile(latencies, 0.9) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": latencies[-1] * 1000,
        "hits": sum(1 for r in results if r["cache"] == "hit"),
        "cold": sum(1 for r in results if r["cache"] == "miss"),
        "not_kept": sum(1 for r in results if r["status"] == 200 and not r["cache"]),
        "errors": sum(1 for r in results if not 200 <= r["status"] < 400),
    }


def shuffled(urls, seed):
    order = list(urls)
    random.Random(seed).shuffle(order)
    return order


def warm_up(base, urls, visitors, seed, watch):
    """Passes until every URL answers from the page cache (at most WARM_UP_PASSES).

    Returns (each pass's summary, URLs the page cache never answered)."""
    pending, figures = list(urls), []
    while pending and len(figures) < WARM_UP_PASSES:
        label = f"warm-up pass {len(figures) + 1}"
        results, started, seconds = visit(
            base, shuffled(pending, seed + len(figures)), visitors, label
        )
        figures.append(summary(results, seconds))
        figures[-1]["content_version"] = watch.describe(started, started + seconds)
        pending = [r["url"] for r in results if r["cache"] != "hit"]
        log(f"{label}: {len(results)} URLs in {seconds:.0f} s, {len(pending)} not from the "
            f"page cache; content version {figures[-1]['content_version']}")  # fmt: skip
    return figures, pending


def by_kind(results, kinds):
    """Latency of each kind of page (page type, search, feeds): {kind: figures}."""
    grouped = {}
    for result in results:
        grouped.setdefault(kinds.get(result["url"], "other"), []).append(result)
    figures = {}
    for kind, group in sorted(grouped.items(), key=lambda item: -len(item[1])):
        latencies = sorted(r["finished"] - r["started"] for r in group)
        figures[kind] = {
            "requests": len(group),
            "p50_ms": percentile(latencies, 0.5) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000,
            "max_ms": latencies[-1] * 1000,
        }
    return figures


def slowest(results, count=5):
    ordered = sorted(results, key=lambda r: r["started"] - r["finished"])
    return [{"url": r["url"], "ms": (r["finished"] - r["started"]) * 1000} for r in ordered[:count]]


def warm_again(results, published_at, cacheable):
    """Seconds from the publish until each share of the pages kept again was rendered."""
    moments = sorted(
        r["finished"] - published_at
        for r in results
        if r["url"] in cacheable and r["cache"] in ("hit", "miss")
    )
    if not moments:
        return {}
    return {
        "half": percentile(moments, 0.5),
        "ninety": percentile(moments, 0.9),
        "all": moments[-1],
        "kept": len(moments),
    }


def redis_holdings(redis_url):
    """Keys and bytes in the server's Redis database (old versions' entries included)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(count=1000))
    total = 0
    for start in range(0, len(keys), 1000):
        pipeline = client.pipeline(transaction=False)
        for key in keys[start : start + 1000]:
            pipeline.memory_usage(key)
        total += sum(size or 0 for size in pipeline.execute())
    return {"keys": len(keys), "mb": total / 2**20}


# --- report ---------------------------------------------------------------------------------


def phase_row(name, figures, static_rps):
    ratio = f"{figures['rps'] / static_rps:.1%}" if static_rps else "–"
    cache = (
        "– | – | –"
        if name == STATIC_PHASE
        else f"{figures['hits']} | {figures['cold']} | {figures['not_kept']}"
    )
    return (
        f"| {name} | {figures['requests']} | {cache} | "
        f"{figures['seconds']:.1f} | {figures['rps']:.1f} | "
        f"{figures['p50_ms']:.1f} | {figures['p90_ms']:.1f} | {figures['p99_ms']:.1f} | "
        f"{figures['max_ms']:.1f} | {ratio} | {figures['errors']} | "
        f"{figures.get('content_version', '–')} |"
    )


def report(context, phases, change, warm, check, kinds, slow, holdings):
    static_rps = phases[STATIC_PHASE]["rps"]
    after, before = phases["after the publish"], phases["before the publish (warm)"]
    languages = ", ".join(f"{count} {code}" for code, count in context["languages"].items())
    lines = [
        f"Warm-up after one publish, {context['date']} (commit {context['commit']})",
        "",
        f"- machine: {context['machine']}; load average before / after the run: "
        f"{context['load_before']} and {context['load_after']}",
        f"- server: gunicorn, {context['workers']} sync workers, production settings "
        f"(DEBUG off), {context['database']}, cache {context['cache']}",
        f"- data: {context['sizes']}",
        f"- URLs: {context['urls']} ({context['of_urls']}): the live public pages ({languages}) "
        "and each language's search, RSS and calendar feed",
        f"- visitors: {context['visitors']} at a time on loopback, each URL once per pass in a "
        f"random order (seed {context['seed']}), Python's urllib, one connection per request",
        f"- the change: a new revision of the insight page `{change['url']}` ({change['what']}) "
        f"published with `revision.publish()` in {change['publish_ms']:.0f} ms; the content "
        f"version went up by {change['version_steps'] if change['version_steps'] else '?'}",
        "",
        "| phase | requests | from the page cache | rendered and kept (cold) | rendered, "
        "not kept | s | req/s | p50 ms | p90 ms | p99 ms | max ms | of static | errors "
        "| content version meanwhile |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | --- |",
    ]
    for name, figures in phases.items():
        lines.append(phase_row(name, figures, static_rps))
    lines += [phase_row("check: every URL once more", check, static_rps), ""]
    if warm:
        lines.append(
            f"- **every page warm again {warm['all']:.1f} s after the publish** ({warm['kept']} "
            f"pages rendered and kept again; half of them after {warm['half']:.1f} s, 90 % "
            f"after {warm['ninety']:.1f} s), {after['cold']} cold renders"
        )
    lines += [
        f"- p99 after the publish {after['p99_ms']:.0f} ms against {before['p99_ms']:.1f} ms "
        f"with every page warm ({after['p99_ms'] / before['p99_ms']:.0f}×); "
        f"{after['rps']:.1f} req/s against {before['rps']:.1f}",
        f"- afterwards {check['hits']} of {check['requests']} URLs answered from the page cache "
        "(the check row)",
        f"- the content version's key in Redis had {context['version_ttl']} s to live when first "
        "read (None: it does not expire)",
        f"- the cache's Redis database: {holdings['warm']['keys']} keys, "
        f"{holdings['warm']['mb']:.0f} MB with every page warm; {holdings['again']['keys']} keys, "
        f"{holdings['again']['mb']:.0f} MB once warm again after the publish (the old version's "
        "entries stay until they expire)",
    ]
    if context["never_kept"]:
        lines.append(
            f"- never answered from the page cache ({len(context['never_kept'])}): "
            + ", ".join(f"`{url}`" for url in context["never_kept"][:10])
        )
    lines += [
        "",
        "After the publish, by kind of page (each rendered cold once):",
        "",
        "| kind | requests | p50 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {kind} | {f['requests']} | {f['p50_ms']:.0f} | {f['p99_ms']:.0f} | "
            f"{f['max_ms']:.0f} |"
            for kind, f in kinds.items()
        ),
        "",
        "Slowest after the publish: "
        + ", ".join(f"`{item['url']}` {item['ms']:.0f} ms" for item in slow),
        "",
        "From the page cache: `X-Page-Cache: hit`. Rendered and kept: `X-Page-Cache: miss` (the "
        "page was rendered and stored; the next visitor gets it from the cache). The time until "
        "every page is warm again runs from the moment the publish returned (committed) to the "
        "end of the last request that rendered and kept a page. The visitors share the two "
        "cores with the server, and each request opens its own connection (gunicorn's sync "
        "workers close it): the warm figures are bounded by the client as much as by the "
        "server; compare them with the static file, measured with the same client. Content "
        "version meanwhile: read twice a second; +N is N increases (a change, the publish "
        "counts in the pass after it), 'started again' means its key was gone and the next "
        "request started it anew from the clock: every page cold again.",
    ]
    return "\n".join(lines) + "\n"


# --- main -----------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for key, value in pages.LARGE.items():
        parser.add_argument(f"--{key}", type=int, default=value, help=f"default {value}")
    parser.add_argument("--visitors", type=int, default=8, help="concurrent visitors")
    parser.add_argument("--limit", type=int, default=0, help="only the first N URLs (0: all)")
    parser.add_argument("--seed", type=int, default=2030, help="random order of the visits")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8793)
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/8",
        help="cache of the server, flushed first",
    )
    parser.add_argument(
        "--change",
        choices=sorted(CHANGES),
        default="teaser",
        help="what the publish changes: the teaser (shown on other pages) or the text",
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the site anew")
    args = parser.parse_args()
    if not args.redis_url:
        parser.error("--redis-url is needed: production settings refuse to start without it")

    pages.WORK.mkdir(exist_ok=True)
    (pages.WORK / "results").mkdir(exist_ok=True)
    load_before = pages.load_average()
    env = pages.server_env(args.redis_url)
    sizes = {key: getattr(args, key) for key in pages.LARGE}
    url, _generation, _migrate = pages.prepare_site(
        env, os.environ.get("DATABASE_URL", ""), "large", sizes, args.regenerate
    )
    log("collecting static files")
    pages.run_manage(env, url, "collectstatic", "--noinput", "-v0")

    # This process publishes the change: the server's settings, database and cache.
    os.environ.update(env, DATABASE_URL=url)
    import django

    django.setup()
    from django.conf import settings

    all_urls, languages, kinds = site_urls()
    urls = all_urls[: args.limit] if args.limit else all_urls
    insight = insight_to_change()
    give_a_live_revision(insight)
    static_path = render.static_url()
    log(f"{len(urls)} of {len(all_urls)} URLs; the change: {insight.url}")

    pages.flush_redis(args.redis_url)
    log(f"starting gunicorn on 127.0.0.1:{args.port}")
    server_log = (pages.WORK / "warmup-gunicorn.log").open("w")
    server = pages.start_server(env, url, args.port, args.workers, output=server_log)
    base = f"http://127.0.0.1:{args.port}"
    phases = {}
    watch = VersionWatch()
    watch.start()
    try:
        pages.wait_until_serving(server, args.port)
        static_count = max(200, min(len(urls), MAX_STATIC_REQUESTS))
        results, _started, seconds = visit(
            base, [static_path] * static_count, args.visitors, STATIC_PHASE
        )
        phases[STATIC_PHASE] = summary(results, seconds)
        warm_ups, never_kept = warm_up(base, urls, args.visitors, args.seed, watch)
        for number, figures in enumerate(warm_ups, 1):
            name = "warm-up from an empty cache" if number == 1 else f"warm-up pass {number}"
            phases[name] = figures
        cacheable = set(urls) - set(never_kept)

        results, started, seconds = visit(
            base, shuffled(urls, args.seed + 100), args.visitors, "before the publish"
        )
        phases["before the publish (warm)"] = summary(results, seconds)
        phases["before the publish (warm)"]["content_version"] = watch.describe(
            started, started + seconds
        )
        holdings = {"warm": redis_holdings(args.redis_url)}

        log(f"publishing a change of {insight.url}")
        publish_started = time.perf_counter()
        change = publish_one_change(insight, args.change)
        published_at = time.perf_counter()
        results, started, seconds = visit(
            base, shuffled(urls, args.seed + 200), args.visitors, "after the publish"
        )
        phases["after the publish"] = summary(results, seconds)
        phases["after the publish"]["content_version"] = watch.describe(
            publish_started, started + seconds
        )
        warm = warm_again(results, published_at, cacheable)
        after_by_kind, slowest_after = by_kind(results, kinds), slowest(results)

        results, started, seconds = visit(
            base, shuffled(urls, args.seed + 300), args.visitors, "check"
        )
        check = summary(results, seconds)
        check["content_version"] = watch.describe(started, started + seconds)
        holdings["again"] = redis_holdings(args.redis_url)
    finally:
        watch.done.set()
        pages.stop_server(server)
        server_log.close()

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=pages.ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=pages.ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if commit and changed:
        commit += ", with uncommitted changes"
    context = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "machine": pages.machine(),
        "load_before": load_before,
        "load_after": pages.load_average(),
        "workers": args.workers,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "sizes": pages.sizes_text(sizes),
        "urls": len(urls),
        "of_urls": f"the first {len(urls)} of {len(all_urls)}" if args.limit else "all",
        "languages": languages,
        "visitors": args.visitors,
        "seed": args.seed,
        "warm_up_passes": len(warm_ups),
        "version_ttl": watch.first_ttl,
        "never_kept": never_kept,
    }
    table = report(context, phases, change, warm, check, after_by_kind, slowest_after, holdings)
    print(table)
    results_folder = pages.WORK / "results"
    (results_folder / f"warmup-{args.change}.md").write_text(table)
    figures = {"context": context, "change": change, "phases": phases, "warm_again": warm,
               "check": check, "after_by_kind": after_by_kind,
               "slowest_after": slowest_after, "redis": holdings}  # fmt: skip
    (results_folder / f"warmup-{args.change}.json").write_text(json.dumps(figures, indent=2) + "\n")
    log(f"written to .bench/results/warmup-{args.change}.md and .json")
    errors = sum(phase["errors"] for phase in phases.values()) + check["errors"]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
