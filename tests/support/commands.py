"""Running management commands: in this process, or as `manage.py` under other settings."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

PROJECT_ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "campaign_site.settings.production",
    "SECRET_KEY": "p7Q2x9LkV3mZr8TcN4bW6yHs1JdF5gUe0aKiO-_pqRsTuVwXyZ12345678abcdef",
    "ALLOWED_HOSTS": "campaign.example.org",
    # Production needs a shared cache; nothing here connects to it unless a page is served.
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def run_command(name, *args, **options):
    """Run a management command in this process; return what it wrote to stdout and stderr."""
    output = io.StringIO()
    call_command(name, *args, stdout=output, stderr=output, **options)
    return output.getvalue()


def run_manage(*args, **env):
    """Run `manage.py` in a fresh process with `env` added to (and overriding) this one's."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
