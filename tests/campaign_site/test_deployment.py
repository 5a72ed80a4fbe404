"""Production topology: what the settings switch on from the environment, static files,
logs, gunicorn, the image and the compose file."""

import ipaddress
import json
import logging
import os
import re
import subprocess
import sys

import yaml

from django.core.management import get_commands
from django.test import RequestFactory
from django.urls import resolve

from campaign_site.log_format import JSONFormatter
from tests.support.commands import PRODUCTION, PROJECT_ROOT, run_manage

FACTS = """
import json, logging
from django.conf import settings
from django.core.files.storage import storages
from django_tasks import task_backends
default_storage = storages["default"]
storage = {"class": type(default_storage).__module__ + "." + type(default_storage).__name__}
if hasattr(default_storage, "bucket_name"):
    storage.update(
        bucket=default_storage.bucket_name,
        endpoint=default_storage.endpoint_url,
        region=default_storage.region_name,
        location=default_storage.location,
        file_overwrite=default_storage.file_overwrite,
        querystring_auth=default_storage.querystring_auth,
        url=default_storage.url("original_images/sdg.png"),
    )
print(json.dumps({
    "storage": storage,
    "tasks": type(task_backends["default"]).__name__,
    "periodic_jobs": [name for name, _interval in settings.PERIODIC_JOBS],
}))
"""


def facts(**env):
    result = run_manage("shell", "--no-imports", "-c", FACTS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_media_on_disk_and_tasks_in_the_database_queue():
    found = facts(**PRODUCTION)
    assert found["storage"] == {"class": "django.core.files.storage.filesystem.FileSystemStorage"}
    assert found["tasks"] == "DatabaseBackend"
    # The scheduler also clears old entries from the task queue and puts back tasks a
    # killed worker left "running".
    assert found["periodic_jobs"] == [
        "publish_scheduled",
        "send_scheduled_emails",
        "send_registration_emails",
        "send_needs_summaries",
        "lapse_registrations",
        "purge_registrations",
        "prune_db_task_results",
        "requeue_abandoned_tasks",
    ]


def test_a_bucket_puts_media_on_s3_compatible_storage():
    found = facts(
        **PRODUCTION,
        AWS_STORAGE_BUCKET_NAME="campaign-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.example.net",
        AWS_S3_REGION_NAME="fr-par",
        AWS_S3_CUSTOM_DOMAIN="media.campaign.example.org",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert found["storage"] == {
        "class": "storages.backends.s3.S3Storage",
        "bucket": "campaign-media",
        "endpoint": "https://s3.fr-par.example.net",
        "region": "fr-par",
        "location": "media",
        "file_overwrite": False,
        "querystring_auth": False,
        # Public, stable URLs on the custom domain: cacheable by browsers and proxies.
        "url": "https://media.campaign.example.org/media/original_images/sdg.png",
    }


def test_tasks_backend_is_configuration():
    immediate = facts(**PRODUCTION, TASKS_BACKEND="immediate")
    assert immediate["tasks"] == "ImmediateBackend"
    assert "prune_db_task_results" not in immediate["periodic_jobs"]
    # Development runs tasks inside the request unless told otherwise.
    dev = {"DJANGO_SETTINGS_MODULE": "campaign_site.settings.dev"}
    assert facts(**dev)["tasks"] == "ImmediateBackend"
    assert facts(**dev, TASKS_BACKEND="database")["tasks"] == "DatabaseBackend"
    result = run_manage("check", **PRODUCTION, TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of: immediate, database" in result.stderr


LOG_SOMETHING = """
import logging
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("events.registration").exception(
        "Registration email %s failed", 42, extra={"event_key": "abc"}
    )
"""


def test_production_logs_are_json_lines_on_stdout():
    result = run_manage("shell", "--no-imports", "-c", LOG_SOMETHING, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    entry = json.loads(lines[-1])
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "events.registration"
    assert entry["message"] == "Registration email 42 failed"
    assert entry["event_key"] == "abc"
    assert "ZeroDivisionError" in entry["exception"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["time"])


def test_development_logs_stay_readable():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        LOG_SOMETHING,
        DJANGO_SETTINGS_MODULE="campaign_site.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert "ERROR events.registration: Registration email 42 failed" in result.stdout
    assert not any(line.startswith("{") for line in result.stdout.splitlines())


def test_json_log_lines_name_the_request_of_a_server_error():
    request = RequestFactory().post("/de/veranstaltungen/dialog/?x=1")
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/",), None
    )
    record.status_code = 500
    record.request = request
    entry = json.loads(JSONFormatter().format(record))
    assert entry["method"] == "POST"
    assert entry["path"] == "/de/veranstaltungen/dialog/?x=1"
    assert entry["status_code"] == 500
    assert entry["message"] == "Internal Server Error: /"


def test_collected_static_files_have_hashed_names_and_far_future_caching(tmp_path):
    env = dict(PRODUCTION, STATIC_ROOT=str(tmp_path))
    result = run_manage("collectstatic", "--noinput", "--verbosity", "0", **env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    assert (tmp_path / (hashed + ".gz")).exists()

    fetch = f"""
import ipaddress
import json
from django.test import Client
client = Client(HTTP_HOST="campaign.example.org")
print(json.dumps({{
    name: client.get("/static/" + name, secure=True).headers.get("Cache-Control")
    for name in ["{hashed}", "css/site.css"]
}}))
"""
    result = run_manage("shell", "--no-imports", "-c", fetch, **env)
    assert result.returncode == 0, result.stderr
    cache_control = json.loads(result.stdout.strip().splitlines()[-1])
    assert cache_control[hashed] == "max-age=315360000, public, immutable"
    # The unhashed name may change content at any deployment: short caching only.
    assert cache_control["css/site.css"] == "max-age=60, public"


def gunicorn_config(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    environment.update(PRODUCTION, **env)
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(
        re.match(r"(\w+)\s+= (.*)", line).groups()
        for line in result.stdout.splitlines()
        if re.match(r"\w+\s+= ", line)
    )


def test_gunicorn_configuration_in_the_repository():
    config = gunicorn_config(GUNICORN_WORKERS="5", GUNICORN_BIND="127.0.0.1:8123")
    assert config["wsgi_app"] == "campaign_site.wsgi:application"
    assert config["workers"] == "5"
    assert config["bind"] == "['127.0.0.1:8123']"
    # No control socket in the home folder of the user running the app.
    assert config["control_socket_disable"] == "True"
    assert config["accesslog"] == "-"
    assert int(config["graceful_timeout"]) >= 10
    assert "campaign_site.log_format.JSONFormatter" in config["logconfig_dict"]

    default = gunicorn_config(LOG_FORMAT="plain")
    assert 1 <= int(default["workers"]) <= 8
    assert default["logconfig_dict"] == "{}"
    # Workers are loaded once and replaced rarely: a restart must not slow down a peak.
    assert default["preload_app"] == "True"
    assert int(default["max_requests"]) >= 10000

    tuned = gunicorn_config(GUNICORN_MAX_REQUESTS="500", GUNICORN_PRELOAD="false")
    assert (tuned["max_requests"], tuned["max_requests_jitter"]) == ("500", "250")
    assert tuned["preload_app"] == "False"


WARM_UP = """
import runpy, sys, types
import django
django.setup()
config = runpy.run_path("gunicorn.conf.py")
config["when_ready"](types.SimpleNamespace(cfg=types.SimpleNamespace(preload_app={preload})))
from django.utils.translation import trans_real
print(" ".join(sorted(
    ["urls"] * ("wagtail.admin.urls" in sys.modules)
    + ["cache-client"] * ("django_redis.client.default" in sys.modules)
    + [code for code in ("de", "en", "fr") if code in trans_real._translations]
)))
"""


def warm_up_in_the_master(preload):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    environment.update(PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/15")
    result = subprocess.run(
        [sys.executable, "-c", WARM_UP.format(preload=preload)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_workers_start_ready_for_their_first_visitor():
    # What a new worker would load on its first request (a second or more, with every
    # replacement) is loaded once in the master, which workers are forked from.
    assert warm_up_in_the_master(preload=True) == ["cache-client", "de", "en", "fr", "urls"]
    # Without a preloaded app the master holds no Django: each worker loads its own.
    not_preloaded = warm_up_in_the_master(preload=False)
    assert "urls" not in not_preloaded and "cache-client" not in not_preloaded


def dockerfile_instructions():
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    return [
        line.split(None, 1)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_the_image_is_built_from_the_lock_file_and_runs_gunicorn_unprivileged():
    instructions = dockerfile_instructions()
    assert instructions[0] == ["FROM", "python:3.11-slim"]
    runs = " ".join(args for kind, args in instructions if kind == "RUN")
    assert "uv sync --locked --no-dev" in runs
    assert "compilemessages" in runs and "gettext" in runs
    assert "collectstatic --noinput" in runs
    # The same uv as `make` installs.
    uv_version = re.search(r"^UV_VERSION := (\S+)", (PROJECT_ROOT / "Makefile").read_text(), re.M)
    assert f"uv=={uv_version.group(1)}" in runs
    for kind, args in instructions:
        if kind == "COPY" and args.split()[0] != ".":
            for source in args.split()[:-1]:
                assert (PROJECT_ROOT / source).exists(), source
    users = [args for kind, args in instructions if kind == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert instructions[-1] == ["CMD", '["gunicorn"]']
    assert (PROJECT_ROOT / "gunicorn.conf.py").exists()


def test_compose_describes_app_worker_scheduler_postgres_redis_and_proxy():
    compose = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"migrate", "app", "worker", "scheduler", "postgres", "redis", "proxy"} <= set(services)
    commands = get_commands()
    for name in ("migrate", "worker", "scheduler"):
        command = services[name]["command"]
        assert command[:2] == ["python", "manage.py"]
        assert command[2] in commands, command
    assert services["worker"]["command"][2] == "run_worker"
    assert services["worker"]["restart"] == "unless-stopped"
    assert services["scheduler"]["command"][2] == "run_periodic_jobs"
    assert services["app"]["command"] == ["gunicorn"]

    # App servers start after the migrations and are checked through /healthz.
    assert services["app"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    healthcheck = " ".join(services["app"]["healthcheck"]["test"])
    assert "/healthz" in healthcheck
    assert resolve("/healthz").url_name == "healthz"

    environment = services["app"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["TASKS_BACKEND"] == "database"
    for name in ("app", "worker", "scheduler"):
        assert "media:/app/media" in services[name]["volumes"]
    # Several app servers: nothing binds a fixed host port but the proxy.
    assert "ports" not in services["app"]
    nginx_config = services["proxy"]["volumes"][0].split(":")[0]
    assert (PROJECT_ROOT / nginx_config).exists()
    assert "server app:8000" in (PROJECT_ROOT / nginx_config).read_text()


def test_app_servers_listen_only_where_the_proxy_reaches_them():
    # Outside a container the proxy runs on the same machine: nobody else can connect and
    # send a forged X-Forwarded-For.
    assert gunicorn_config()["bind"] == "['127.0.0.1:8000']"
    # In a container, loopback is the container's own: the proxy (another container) must
    # reach its private network address. The image listens there; no port is published.
    env = dict(
        args.split("=", 1)
        for kind, line in dockerfile_instructions()
        if kind == "ENV"
        for args in line.split()
    )
    assert env["GUNICORN_BIND"] == "0.0.0.0:8000"
    services = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())["services"]
    assert "ports" not in services["app"]
    # The app believes X-Forwarded-For only from Docker's private networks, where the proxy is.
    allowed = services["app"]["environment"]["FORWARDED_ALLOW_IPS"].split(",")
    assert "*" not in allowed
    assert all(ipaddress.ip_network(entry).is_private for entry in allowed)
    # One proxy (nginx) appends the client's address: the count the app is told by default.
    assert services["app"]["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"


def test_a_proxy_address_that_is_no_address_stops_the_start():
    result = run_manage("check", **PRODUCTION, FORWARDED_ALLOW_IPS="127.0.0.1,proxy.internal")
    assert result.returncode != 0
    assert "FORWARDED_ALLOW_IPS: 'proxy.internal' is not an IP address" in result.stderr


def test_the_example_environment_keeps_app_servers_behind_the_proxy():
    # Whoever copies .env.example gets the safe defaults, not an app server open to all.
    example = (PROJECT_ROOT / ".env.example").read_text()
    assert re.search(r"^GUNICORN_BIND=127\.0\.0\.1:8000$", example, re.M)
    assert re.search(r"^FORWARDED_ALLOW_IPS=127\.0\.0\.1,::1$", example, re.M)


def env_file_values(text):
    """The variables of an env file (`NAME=value` lines; comments and blank lines skipped)."""
    return dict(
        line.split("=", 1)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def interpolate(value, variables):
    """Compose's substitution of ${NAME}, ${NAME:-default} and ${NAME:?error} (the error is
    not raised: the example leaves secrets empty on purpose)."""

    def substitute(match):
        name, colon, kind, fallback = match.groups()
        found = variables.get(name)
        missing = found is None or (colon and found == "")
        return fallback if missing and kind == "-" else found or ""

    pattern = r"\$\{(\w+)(?:(:?)([-?])([^}]*))?\}"
    return re.sub(pattern, substitute, str(value)).replace("$$", "$")


def container_environment(compose, service, dotenv):
    """The environment a compose `service` starts with when `.env` holds `dotenv`: the image's
    ENV, overridden by the env_file, overridden by the service's `environment:`."""
    environment = dict(
        args.split("=", 1)
        for kind, line in dockerfile_instructions()
        if kind == "ENV"
        for args in line.split()
    )
    definition = compose["services"][service]
    env_files = definition.get("env_file", [])
    assert env_files in (".env", [".env"]), "the documented flow copies .env.example to .env"
    environment.update(dotenv)
    environment.update(
        {name: interpolate(value, dotenv) for name, value in definition["environment"].items()}
    )
    return environment


def test_compose_with_the_example_environment_lets_the_proxy_reach_the_app_servers():
    # `cp .env.example .env; docker compose up`: the example's loopback address (right
    # outside containers) must not reach the app container, or nginx answers 502.
    compose = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())
    dotenv = env_file_values((PROJECT_ROOT / ".env.example").read_text())
    environment = container_environment(compose, "app", dotenv)
    host, port = environment["GUNICORN_BIND"].rsplit(":", 1)
    assert host not in {"localhost", "ip6-localhost"}
    assert not ipaddress.ip_address(host.strip("[]")).is_loopback
    nginx = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()
    assert re.findall(r"^\s*server app:(\d+)", nginx, re.M) == [port]
    healthcheck = " ".join(compose["services"]["app"]["healthcheck"]["test"])
    assert f"localhost:{port}/healthz" in healthcheck
    # The proxy's forwarded client address is believed from the container network, not only
    # from the loopback the example names.
    allowed = environment["FORWARDED_ALLOW_IPS"].split(",")
    assert "172.16.0.0/12" in allowed
