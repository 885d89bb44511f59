# EenPlan — two commands: `make run` (demo on http://127.0.0.1:8000) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
VENDOR := eenplan/static/vendor
export PIP_DISABLE_PIP_VERSION_CHECK := 1
.DEFAULT_GOAL := run

## make bench: seed PostgreSQL at one tenth and at full scale, load the main pages, write bench/RESULTS.md.
bench: install-dev vendor system-test-deps
	bash scripts/with-postgres.sh $(PY) bench/run.py --scale tenth --out bench/results/tenth.json
	bash scripts/with-postgres.sh $(PY) bench/run.py --scale large --out bench/results/large.json
	$(PY) bench/report.py

.PHONY: bench run test test-sqlite test-postgres lint messages vendor install install-dev system-test-deps clean demo-logins

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

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
	@echo "EenPlan draait op http://127.0.0.1:8000 (stoppen met Ctrl+C)"
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

test-postgres: install-dev
	bash scripts/with-postgres.sh $(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile $(PYTEST_ARGS)

test-sqlite: install-dev
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile $(PYTEST_ARGS)

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
