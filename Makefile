# EenPlan — two commands: `make run` (demo on http://localhost:8000) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
VENDOR := eenplan/static/vendor
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
export PIP_DISABLE_PIP_VERSION_CHECK := 1
.DEFAULT_GOAL := run

## make bench: seed PostgreSQL at one tenth and at full scale, load the main pages (server time, then Locust users
## in their roles at 1, 16 and 64 at once), time the sociale kaart search at 2,000 and 20,000 services, write
## bench/RESULTS.md. bench/run.py raises the CPU priority of the bench (PostgreSQL, gunicorn, Locust) above the
## machine's other work where it may (root). bench/README.md has the method; BENCH_ARGS passes options to bench/run.py.
BENCH_ARGS ?=
bench: install-dev vendor system-test-deps
	bash scripts/with-postgres.sh $(PY) bench/run.py --scale tenth --out bench/results/tenth.json $(BENCH_ARGS)
	bash scripts/with-postgres.sh $(PY) bench/run.py --scale large --out bench/results/large.json $(BENCH_ARGS)
	$(PY) bench/report.py

.PHONY: bench run test test-sqlite test-postgres lint lock messages vendor install install-dev system-test-deps clean \
	demo-logins

## Python packages come only from the lock files, every file checked against its hash; eenplan itself is installed
## editable without dependencies, built by the locked setuptools (no unpinned build environment is downloaded).
$(VENV)/.installed: $(LOCK) pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed $(DEV_LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $@

## make lock: after changing the dependencies in pyproject.toml, pin them (and setuptools, the build backend) with
## hashes for Python 3.11 on every platform. Pins already in the lock files are kept; `make lock LOCK_ARGS=--upgrade`
## moves everything to the newest allowed versions. The development lock is constrained by the runtime lock.
BUILD_REQUIRES = $(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))'
UV_COMPILE = $(PY) -m uv pip compile pyproject.toml - --quiet --generate-hashes --universal --python-version 3.11 \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock: $(VENV)/.installed-dev
	$(BUILD_REQUIRES) | $(UV_COMPILE) -o $(LOCK)
	$(BUILD_REQUIRES) | $(UV_COMPILE) --extra dev --constraint $(LOCK) -o $(DEV_LOCK)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/.copied: node_modules/.installed
	mkdir -p $(VENDOR)/utrecht $(VENDOR)/htmx
	cp node_modules/@utrecht/design-tokens/dist/theme.css $(VENDOR)/utrecht/theme.css
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/index.css
	cp node_modules/@utrecht/component-library-css/dist/html.css $(VENDOR)/utrecht/html.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	touch $@

install: $(VENV)/.installed $(VENDOR)/.copied
install-dev: $(VENV)/.installed-dev $(VENDOR)/.copied
vendor: $(VENDOR)/.copied

## make run: install, migrate the embedded SQLite database, load demo data once, print the logins, serve.
run: install
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DEBUG=1 $(PY) manage.py demo_logins
	@echo "EenPlan draait op http://localhost:8000 (stoppen met Ctrl+C)"
	DEBUG=1 $(PY) manage.py db_worker --interval 2 >var/worker.log 2>&1 & worker=$$!; \
	while true; do DEBUG=1 $(PY) manage.py flag_overdue_referrals >>var/overdue.log 2>&1; sleep 3600; done & hourly=$$!; \
	trap 'kill $$worker $$hourly 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

demo-logins: install
	DEBUG=1 $(PY) manage.py demo_logins

## Debian's Chromium (browser tests) and PostgreSQL 15 (the production database), installed when missing.
system-test-deps:
	bash scripts/ensure-system-packages.sh

## make test: the whole suite on PostgreSQL 15 and on SQLite, browser tests in Debian's Chromium.
test: install-dev system-test-deps
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-sqlite

# Browser tests run in a pytest process of their own: their live server needs a transactional database that is
# flushed after each test, and no other test should find the reference data (the categories) flushed away.
test-postgres: install-dev
	bash scripts/with-postgres.sh $(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile --ignore=tests/browser $(PYTEST_ARGS)
	bash scripts/with-postgres.sh $(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile tests/browser $(PYTEST_ARGS)

test-sqlite: install-dev
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile --ignore=tests/browser $(PYTEST_ARGS)
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile tests/browser $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check eenplan tests bench scripts
	$(VENV)/bin/ruff format --check eenplan tests bench scripts
	$(VENV)/bin/mypy eenplan

## Update the translation catalogues after changing user-facing text, then translate the new Dutch entries.
messages: install-dev
	cd eenplan && DEBUG=1 ../$(PY) ../manage.py makemessages -l nl -l en --no-obsolete --add-location file
	cd eenplan && DEBUG=1 ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles
