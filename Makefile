# ACF Appeals — the two commands of the README (`make run`, `make test`) and helpers.
# Every target that needs Odoo runs tools/bootstrap.sh first (idempotent): it finds Odoo 18.0,
# installs what is missing and writes .cache/odoo.conf and .cache/odoo.env.
PYTHON ?= python3
DB_DEMO ?= acf_demo
DB_TEST ?= acf_test
# Extra pytest arguments, e.g. make test PYTEST_ARGS='-k deadline'.
PYTEST_ARGS ?=
ADDONS := acf_appeals,acf_appeals_reports
CACHE := .cache
CONF := $(CACHE)/odoo.conf
# PYTHONPATH of an Odoo checkout given by ODOO_SRC (empty otherwise); sourced before each use.
WITH_ENV := . ./$(CACHE)/odoo.env;
# Odoo 18 runs as a module (odoo/__main__.py): works for an installed package and for a checkout.
ODOO := $(PYTHON) -m odoo -c $(CONF)
export PYTHON

.PHONY: run test setup lint i18n i18n-odoo bench bench-views load wheel clean demo-db screenshots readme letters

setup:
	@bash tools/bootstrap.sh >/dev/null

run: demo-db
	@echo
	@echo "ACF Appeals: http://localhost:8069  (database $(DB_DEMO))"
	@echo "Demo logins (login / password):"
	@if [ -s tools/demo_logins.txt ]; then sed 's/^/  /' tools/demo_logins.txt; else echo "  admin / admin"; fi
	@echo
	@$(WITH_ENV) exec $(ODOO) -d $(DB_DEMO) --db-filter='^$(DB_DEMO)$$' --http-port=8069 --log-level=info

# The demo database: created with both addons and demo data, or upgraded when it exists.
demo-db: setup
	@$(WITH_ENV) if psql -X -d postgres -Atqc "select 1 from pg_database where datname = '$(DB_DEMO)'" | grep -qx 1; then \
		echo "Upgrading the database $(DB_DEMO)…"; \
		$(ODOO) -d $(DB_DEMO) -u $(ADDONS) --stop-after-init; \
	else \
		echo "Creating the database $(DB_DEMO) with demo data…"; \
		$(ODOO) -d $(DB_DEMO) -i $(ADDONS) --stop-after-init; \
	fi

# docs/letters.md: every letter, notice, receipt, form, e-mail and page in Kazakh and Russian,
# rendered from the demo data (tools/render_letters.py) for a reviewer to read in one place.
letters: demo-db
	@$(WITH_ENV) $(PYTHON) tools/render_letters.py -c $(CONF) -d $(DB_DEMO) -o docs/letters.md

# Screenshots of the board, the appeal form, the portal and the dashboard for the README.
screenshots: demo-db
	@$(WITH_ENV) $(PYTHON) tools/screenshots.py

# pytest's summary is the last line printed; the exit status is pytest's (5, "no tests ran",
# fails too).
test: setup
	@dropdb --if-exists $(DB_TEST)
	@echo "Installing $(ADDONS) with demo data in a fresh database $(DB_TEST)…"
	@$(WITH_ENV) $(ODOO) -d $(DB_TEST) -i $(ADDONS) --stop-after-init --log-level=warn
	@$(WITH_ENV) exec $(PYTHON) -m pytest --odoo-database=$(DB_TEST) --odoo-config=$(CONF) \
		--odoo-http --odoo-log-level=warn -q -rfEs $(PYTEST_ARGS)

# Each addon's README.rst from its __manifest__.py and readme/*.md (tests/test_readme.py fails
# when one is stale).
readme:
	$(PYTHON) tools/gen_readme.py

# The JavaScript linters (ESLint, Prettier) are installed from package-lock.json by npm ci
# when node_modules is missing or older than package.json / package-lock.json; pre-commit
# runs every hook, those two included.
lint: node_modules/.package-lock.json
	@command -v pre-commit >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet pre-commit
	pre-commit run --all-files

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

i18n: setup
	@$(WITH_ENV) $(PYTHON) i18n/update_translations.py

# The Kazakh pack of Odoo's own modules (i18n/odoo): merge Odoo's shipped .pot files, then report.
i18n-odoo: setup
	@$(WITH_ENV) $(PYTHON) i18n/odoo_pack.py update
	@$(WITH_ENV) $(PYTHON) i18n/odoo_pack.py coverage

bench: setup
	@$(WITH_ENV) $(PYTHON) bench/benchmark.py

# The register's views at 1,000,000 appeals, ORM against hand-written SQL (issue 19); the fill
# takes a few minutes. BENCH_VIEWS_ARGS='--size 100000' for a quicker look.
BENCH_VIEWS_ARGS ?=
bench-views: setup
	@$(WITH_ENV) $(PYTHON) bench/views.py $(BENCH_VIEWS_ARGS)
# The load test (issue 19, bench/load/run.py): Odoo with 4 HTTP workers and a cron worker on a
# throw-away database of LOAD_SIZE appeals, 20 operators and 4 managers driven by Locust for
# LOAD_TIME, then the register checked by SQL. REPLICA=1: a primary and a streaming replica
# (two local PostgreSQL 15 clusters on loopback), the read-only requests on the replica.
# Locust lives in its own virtual environment: it needs a newer gevent than Odoo 18 pins.
LOAD_TIME ?= 5m
LOAD_SIZE ?= 100000
DB_LOAD ?= acf_load
REPLICA ?=
LOAD_ARGS ?=
LOAD_VENV := $(CACHE)/load-venv
load: setup $(LOAD_VENV)/.installed
	@$(WITH_ENV) $(PYTHON) bench/load/run.py --db $(DB_LOAD) --size $(LOAD_SIZE) \
		--time $(LOAD_TIME) --locust $(LOAD_VENV)/bin/locust $(if $(REPLICA),--replica) $(LOAD_ARGS)

$(LOAD_VENV)/.installed: requirements-load.txt
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet -r requirements-load.txt
	@touch $@

wheel:
	$(PYTHON) -m build --wheel --no-isolation --outdir dist .

clean:
	rm -rf $(CACHE) dist build *.egg-info
