# Coalition: every target bootstraps its own virtualenv from pyproject.toml.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# The settings default to production: DEBUG off, which refuses the development key and an empty
# ALLOWED_HOSTS. The development targets below turn DEBUG on for themselves (pytest does too, see
# [tool.pytest.ini_options] env in pyproject.toml).
DEV := DEBUG=true

# make test-services: the same suite against real PostgreSQL, Redis and a Celery worker.
SERVICES_DB ?= postgres://postgres@127.0.0.1:5432/coalition
SERVICES_REDIS ?= redis://127.0.0.1:6379
# Separate Redis databases for cache, broker and results; override them (and SERVICES_DB) to run
# two suites side by side without sharing a queue or a test database.
SERVICES_CACHE ?= $(SERVICES_REDIS)/1
SERVICES_BROKER ?= $(SERVICES_REDIS)/2
SERVICES_RESULTS ?= $(SERVICES_REDIS)/3

.PHONY: run install setup test test-services lint schemathesis format bench messages demo-remove clean vendor

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

setup: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_reference_data
	$(DEV) $(PY) manage.py load_campaign_reference_data
	$(DEV) $(PY) manage.py load_demo_partners

run: setup
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -m "not services" -q

test-services: install
	DATABASE_URL=$(SERVICES_DB) CACHE_URL=$(SERVICES_CACHE) \
	CELERY_BROKER_URL=$(SERVICES_BROKER) CELERY_RESULT_BACKEND=$(SERVICES_RESULTS) \
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV) $(PY) manage.py check_translations
	$(DEV) $(PY) manage.py check

# The live API (gunicorn, throw-away SQLite) against its own OpenAPI schema, as anonymous, an
# editor and staff: see .ci/schemathesis (SCHEMATHESIS_EXAMPLES, SCHEMATHESIS_SEED).
schemathesis: install
	PY=$(PY) ST=$(VENV)/bin/st .ci/schemathesis

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(DEV) BENCH_POSTGRES_URL=$(SERVICES_DB) $(PY) -m bench

messages: install
	$(DEV) $(PY) manage.py makemessages -l es --ignore=.venv --ignore=staticfiles --ignore=bench --ignore=tests --ignore=var --ignore=node_modules
	$(DEV) $(PY) manage.py compilemessages -l es --ignore=.venv

demo-remove: install
	$(DEV) $(PY) manage.py load_demo_partners --remove

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache

# Re-fetch the vendored map libraries from npm (pinned versions and hashes in scripts/vendor.py)
# and regenerate maps/data/ from world-atlas. The results are committed: nothing else needs npm.
vendor: install
	$(DEV) $(PY) scripts/vendor.py
