# The two commands of the README: `make run` and `make test`. Everything else here is what
# they need, installed from the project's own files (pyproject.toml and the locked uv.lock).

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian's Chromium, driven by Playwright in the browser tests (tests/browser/).
CHROMIUM := /usr/lib/chromium/chromium
# Never let uv download a Python build: the machine's Python 3.11 is the one we use.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test bench install messages lint clean-db

## run: set everything up and serve the demo site on http://127.0.0.1:8000/ (SQLite)
run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) runserver $(HOST):$(PORT)

## test: lint, Django checks, migrations check and the whole test suite
test: install messages lint
	DJANGO_SETTINGS_MODULE=campaign_site.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=campaign_site.settings.test $(MANAGE) makemigrations --check --dry-run
	$(PYTHON) -m pytest $(PYTEST_ARGS)

## bench: benchmark the public pages under gunicorn on a large generated site (bench/pages.py)
bench: install messages
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PYTHON) bench/pages.py $(BENCH_ARGS)

install: $(UV)
	@command -v msgfmt >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@test -x /usr/sbin/nginx || { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }
	$(UV) sync --locked --compile-bytecode --quiet

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

## messages: compile the gettext catalogues in campaign_site/locale
messages:
	cd campaign_site && ../$(PYTHON) ../manage.py compilemessages --verbosity 0

## lint: ruff, and the import contracts of the layers (README, "Architecture")
lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	.venv/bin/lint-imports --no-cache

## clean-db: remove the local SQLite database (the next `make run` rebuilds the demo)
clean-db:
	rm -f db.sqlite3
