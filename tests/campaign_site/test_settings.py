"""Settings: production passes `check --deploy`, configuration comes from the environment."""

import contextlib
import sqlite3

from tests.support.commands import PRODUCTION, PROJECT_ROOT, run_manage


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(PRODUCTION, SECRET_KEY="")
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = dict(PRODUCTION, ALLOWED_HOSTS="")
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    # Per-process memory caches would keep serving a page another process unpublished.
    result = run_manage("check", **dict(PRODUCTION, REDIS_URL=""))
    assert result.returncode != 0
    assert "Set REDIS_URL" in result.stderr
    assert run_manage("check", **PRODUCTION).returncode == 0


def test_languages_are_configuration():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.LANGUAGE_CODE, settings.LANGUAGES)",
        LANGUAGES="de,en,fr,ru",
    )
    assert result.returncode == 0, result.stderr
    assert "de [('de', 'Deutsch'), ('en', 'English'), ('fr', 'Français'), ('ru', 'Русский')]" in (
        result.stdout
    )


def test_an_unknown_language_code_is_a_clear_error():
    result = run_manage("check", LANGUAGES="de,xx")
    assert result.returncode != 0
    assert "LANGUAGES names unknown language codes: xx" in result.stderr


def test_production_refuses_requests_for_other_hosts():
    probe = (
        "from django.test import Client; "
        "print(Client(HTTP_HOST='evil.example').get('/de/').status_code, "
        "Client(HTTP_HOST='campaign.example.org').get('/de/').status_code)"
    )
    result = run_manage("shell", "-c", probe, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    refused, served = result.stdout.split()[-2:]
    assert refused == "400"  # Bad Request: the host is not one of ALLOWED_HOSTS
    assert served != "400"  # the configured host gets an answer (the HTTPS redirect)


def test_the_database_is_where_database_url_points(tmp_path):
    database = tmp_path / "elsewhere.sqlite3"
    write = (
        "from django.db import connection; "
        "connection.cursor().execute('CREATE TABLE written_here (x integer)')"
    )
    result = run_manage(
        "shell",
        "-c",
        write,
        DJANGO_SETTINGS_MODULE="campaign_site.settings.test",
        DATABASE_URL=f"sqlite:///{database}",
    )
    assert result.returncode == 0, result.stderr
    with contextlib.closing(sqlite3.connect(database)) as written:
        tables = written.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert [name for (name,) in tables] == ["written_here"]


def test_env_example_documents_every_variable_the_settings_and_deployment_read():
    import re

    read = set()
    modules = [*(PROJECT_ROOT / "campaign_site" / "settings").glob("*.py")]
    for module in [*modules, PROJECT_ROOT / "gunicorn.conf.py"]:
        source = module.read_text()
        read |= set(re.findall(r'(?:os\.environ\.get|env_list|env_bool)\(\s*"([A-Z_]+)"', source))
    # Variables compose.yaml substitutes from .env.
    read |= set(re.findall(r"\$\{([A-Z_]+)", (PROJECT_ROOT / "compose.yaml").read_text()))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (PROJECT_ROOT / ".env.example").read_text(), re.M)
    )
    assert read, "no environment variables found in the settings"
    assert read <= documented, f"undocumented in .env.example: {sorted(read - documented)}"
