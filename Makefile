# The two commands of the README: `make run` and `make test`. Both set up .venv from scratch.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py

.PHONY: run test test-second-pass lint format check messages compilemessages bench clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled with Babel (a pinned Python package), so no system gettext is needed; see README.
compilemessages: $(VENV)/.runtime
	$(VENV)/bin/pybabel compile --statistics --domain django --directory locale

run: $(VENV)/.runtime compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# axe-core for the accessibility checks, from the npm registry (skipped, with a message, without npm).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm is not installed: the accessibility checks will be skipped (CI installs it)"; fi

# The suite, browser journeys included, in under ten minutes on SQLite; the slower suites (several servers and
# processes, stateful API runs: marked second_pass) run in `make test-second-pass`, which CI runs too.
# Two pytest-xdist workers (TEST_WORKERS overrides; 0 runs in one process): the browser journeys share one.
TEST_WORKERS ?= 2
test: $(VENV)/.dev compilemessages node_modules/axe-core/axe.min.js
	$(PY) -m pytest -m "not second_pass" -n $(TEST_WORKERS) --dist loadgroup

test-second-pass: $(VENV)/.dev compilemessages
	$(PY) -m pytest -m second_pass

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Extraction needs GNU gettext's xgettext (translators' machines); compiling does not.
messages: $(VENV)/.dev
	$(MANAGE) makemessages --no-location --no-obsolete $(foreach l,el cs de es,-l $(l)) --ignore=".venv/*" --ignore="tests/*" --ignore="node_modules/*"
	$(MAKE) compilemessages

# Benchmarks print ratios measured in one run (see bench/).
bench: $(VENV)/.dev compilemessages
	$(PY) bench/docx_export.py
	$(PY) bench/site.py
	$(PY) bench/dashboard.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
