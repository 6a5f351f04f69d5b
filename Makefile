# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
MSG_IGNORE := --ignore=.venv --ignore=tests --ignore=bench --ignore=var --ignore=media --ignore=static_collected --ignore=node_modules
# two test processes (pytest-xdist), each taking whole files so that a module's fixture layers
# (tests/layers.py) are built once; `make test PYTEST_ARGS=` runs it in one process
PYTEST_ARGS ?= -n 2 --dist loadfile
# `make test COVERAGE=1` measures line coverage of the three apps and the site (what CI runs)
COVERAGE ?=
COVERAGE_ARGS := --cov --cov-report=term-missing:skip-covered --cov-report=xml:var/coverage.xml
# `make test COVERAGE=1 COVERAGE_APPEND=1` adds this run's lines to the last run's data (CI: the
# PostgreSQL pass after the SQLite one) and reports and writes var/coverage.xml for both together
COVERAGE_APPEND ?=
# the catalogues, compiled only where a .po changed since its .mo (make test runs on every call)
PO_FILES := $(shell find . -path ./.venv -prune -o -path ./node_modules -prune -o -name "*.po" -path "*/LC_MESSAGES/*" -print)
MO_FILES := $(PO_FILES:.po=.mo)
# `make demo PORT=8105` serves there; links in the e-mails (files under var/mail/) follow it.
PORT ?= 8000
export PORT

.PHONY: demo test lint format messages compilemessages makemessages check-messages migrate serve bench ci clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

compilemessages: $(STAMP)
	$(MANAGE) compilemessages $(MSG_IGNORE) --verbosity 0

messages: compilemessages

makemessages: $(STAMP)
	$(MANAGE) makemessages -l zh_Hans -l en $(MSG_IGNORE) --no-obsolete --no-location --verbosity 0

check-messages: $(STAMP)
	$(PY) scripts/check_catalogs.py

migrate: $(STAMP) compilemessages
	mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) cems_demo
	$(MANAGE) cems_schedules
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin at /admin/); the task worker runs beside it."
	@echo "E-mails (workflow, reminders) are written to var/mail/, with links to port $(PORT)."
	@$(MANAGE) qcluster & QPID=$$!; trap "kill $$QPID 2>/dev/null" EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:$(PORT)

%.mo: %.po
	msgfmt --check-format -o $@ $<

test: $(STAMP) $(MO_FILES)
	$(VENV)/bin/pytest $(PYTEST_ARGS) $(if $(COVERAGE),$(COVERAGE_ARGS) $(if $(COVERAGE_APPEND),--cov-append))

# the Django templates of the apps and the site (djhtml indents them; --check changes nothing)
TEMPLATES := $(shell find cems_pages cems_registers calculators site templates -path "*templates/*" -name "*.html")

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $(TEMPLATES)
	# no function over 80 lines outside migrations, data and demo modules and tests
	$(PY) scripts/check_function_length.py
	# no dead code at vulture's 80 % confidence (framework-fixed names: scripts/vulture_whitelist.py)
	$(VENV)/bin/vulture calculators cems_pages cems_registers site scripts/vulture_whitelist.py --min-confidence 80

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	$(PY) bench/accounting.py
	$(PY) bench/registers.py

ci:
	.ci/run

clean:
	rm -rf $(VENV) var media static_collected
	find . -name "*.mo" -not -path "./.venv/*" -delete
