"""Settings: production passes `check --deploy`, configuration comes from the environment."""

import os

import pytest

from django.conf import settings
from django.core.cache import cache

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


def test_german_is_the_default_language():
    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _ in settings.LANGUAGES][:3] == ["de", "en", "fr"]


def test_cache_backend_follows_redis_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django_redis.cache.RedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"
    cache.set("campaign-site-test", "works", 5)
    assert cache.get("campaign-site-test") == "works"


@pytest.mark.django_db
def test_database_follows_database_url():
    engine = settings.DATABASES["default"]["ENGINE"]
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith("postgres") else "sqlite3"
    assert engine.endswith(expected)


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
