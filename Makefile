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

# make serve-prod: the production shape (DEBUG off, gunicorn + Celery worker + beat from the
# Procfile, run by honcho) against the machine's PostgreSQL and Redis databases 14 and 15.
PROD_PORT ?= 8100
PROD_DB ?= postgres://postgres@127.0.0.1:5432/coalition_prod
PROD_REDIS ?= redis://127.0.0.1:6379
PROD_CACHE ?= $(PROD_REDIS)/14
PROD_BROKER ?= $(PROD_REDIS)/15
PROD_STAMP := $(VENV)/.installed-prod-stamp
LOADTEST_STAMP := $(VENV)/.installed-loadtest-stamp
# make loadtest: seconds of steady load, then the fault phase and the recovery (bench/loadtest).
LOADTEST_SECONDS ?= 60
LOADTEST_USERS ?= 8

.PHONY: vnu icaljs run install setup test test-services lint schemathesis format bench messages demo-remove clean vendor serve-prod loadtest openapi-lint

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

$(PROD_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,prod]'
	@touch $@

$(LOADTEST_STAMP): $(PROD_STAMP)
	$(PY) -m pip install --quiet -e '.[dev,prod,loadtest]'
	@touch $@

setup: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_reference_data
	$(DEV) $(PY) manage.py load_campaign_reference_data
	$(DEV) $(PY) manage.py load_demo_partners

run: setup
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

# DEBUG off, a generated SECRET_KEY in var/prod/, collectstatic, migrate and the reference data,
# then honcho runs the Procfile until Ctrl-C. docs/deploy.md describes each process.
serve-prod: $(PROD_STAMP)
	SERVE_PROD_PORT=$(PROD_PORT) DATABASE_URL=$(PROD_DB) CACHE_URL=$(PROD_CACHE) \
	CELERY_BROKER_URL=$(PROD_BROKER) $(PY) scripts/serve_prod.py

# locust against serve-prod with its own PostgreSQL database and its own redis-server, then a
# fault phase (Redis paused, the worker killed) and the checks that nothing was lost.
loadtest: $(LOADTEST_STAMP)
	LOADTEST_SECONDS=$(LOADTEST_SECONDS) LOADTEST_USERS=$(LOADTEST_USERS) $(PY) -m bench.loadtest

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
	$(MAKE) openapi-lint

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

# The Nu HTML Checker for tests/browser/test_html_validity.py: npm's vnu-jar, pinned, under
# var/tools/ (not committed: 32 MB). It needs Java: apt-get install -y default-jre-headless.
VNU_VERSION := 26.9.27
vnu:
	npm install --prefix var/tools --no-audit --no-fund --no-save vnu-jar@$(VNU_VERSION)

# Mozilla's ical.js (what Thunderbird reads calendars with) for tests/campaigns/test_ical_clients.py:
# npm's ical.js, pinned, under var/tools/icaljs/ (its own prefix: a --no-save install into
# var/tools would remove vnu-jar, and make vnu would remove it), run by the test under node.
ICALJS_VERSION := 2.2.1
icaljs:
	npm install --prefix var/tools/icaljs --no-audit --no-fund --no-save ical.js@$(ICALJS_VERSION)

# The OpenAPI schema as other tools read it: written by drf-spectacular, then linted by Redocly
# CLI (redocly.yaml) and Spectral's spectral:oas ruleset (.spectral.yaml), zero errors and zero
# warnings. Both are npm packages, pinned, under var/tools/openapi-lint/ (not committed; their
# own prefix, so installing one tool never prunes another's). Redocly's telemetry and update
# check stay off: lint reads nothing from the network.
REDOCLY_VERSION := 2.77.0
SPECTRAL_VERSION := 6.16.3
OPENAPI_TOOLS := var/tools/openapi-lint
OPENAPI_TOOLS_STAMP := $(OPENAPI_TOOLS)/.installed-redocly-$(REDOCLY_VERSION)-spectral-$(SPECTRAL_VERSION)
OPENAPI_SCHEMA := var/openapi/schema.json

$(OPENAPI_TOOLS_STAMP):
	npm install --prefix $(OPENAPI_TOOLS) --no-audit --no-fund --no-save \
	  @redocly/cli@$(REDOCLY_VERSION) @stoplight/spectral-cli@$(SPECTRAL_VERSION)
	@touch $@

openapi-lint: install $(OPENAPI_TOOLS_STAMP)
	@mkdir -p $(dir $(OPENAPI_SCHEMA))
	$(DEV) $(PY) manage.py spectacular --format openapi-json --validate --fail-on-warn --file $(OPENAPI_SCHEMA)
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	  $(OPENAPI_TOOLS)/node_modules/.bin/redocly lint --config redocly.yaml --format stylish $(OPENAPI_SCHEMA)
	$(OPENAPI_TOOLS)/node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity hint $(OPENAPI_SCHEMA)
