# ACF Appeals — the two commands of the README, and helpers.
PYTHON ?= python3
DB_DEMO ?= acf_demo
DB_TEST ?= acf_test
ADDONS := acf_appeals,acf_appeals_reports
CONF := .cache/odoo.conf
ODOO := $(PYTHON) -m odoo -c $(CONF)
export PYTHON

.PHONY: run test setup lint i18n bench wheel clean

setup:
	@bash tools/bootstrap.sh >/dev/null

run: setup
	@if psql -d postgres -Atqc "select 1 from pg_database where datname = '$(DB_DEMO)'" | grep -q 1; then \
		echo "Upgrading $(DB_DEMO)…"; \
		$(ODOO) -d $(DB_DEMO) -u $(ADDONS) --stop-after-init; \
	else \
		echo "Creating $(DB_DEMO) with demo data…"; \
		$(ODOO) -d $(DB_DEMO) -i $(ADDONS) --stop-after-init; \
	fi
	@echo
	@echo "ACF Appeals: http://localhost:8069  (database $(DB_DEMO))"
	@echo "Demo logins (password = login):"
	@sed 's/^/  /' tools/demo_logins.txt
	@echo
	$(ODOO) -d $(DB_DEMO) --db-filter='^$(DB_DEMO)$$' --log-level=info

test: setup
	@dropdb --if-exists $(DB_TEST)
	@echo "Installing $(ADDONS) in a fresh $(DB_TEST)…"
	@$(ODOO) -d $(DB_TEST) -i $(ADDONS) --stop-after-init --log-level=warn
	@$(PYTHON) -m pytest --odoo-database=$(DB_TEST) --odoo-config=$(CONF) --odoo-http \
		--odoo-log-level=warn -q -rfEs

lint:
	pre-commit run --all-files

i18n: setup
	$(PYTHON) i18n/update_translations.py

bench: setup
	$(PYTHON) bench/benchmark.py

wheel:
	$(PYTHON) -m build --wheel --no-isolation --outdir dist .

clean:
	rm -rf .cache dist build *.egg-info
