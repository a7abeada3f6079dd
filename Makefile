# Two commands on a fresh machine with Python 3.11+:
#   make run   set up, seed the embedded SQLite store, serve the API on 127.0.0.1:5000
#   make test  set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

API_LINT := tools/api-lint

.PHONY: setup api-lint-tools seed run test browser-test screenshots lint format bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Minutebook needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Redocly CLI and Spectral, as package-lock.json pins them, for the OpenAPI document's lint
# test (it skips without them, saying so; with CI=true it fails).
api-lint-tools: $(API_LINT)/node_modules/.package-lock.json

$(API_LINT)/node_modules/.package-lock.json: $(API_LINT)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(API_LINT) && npm ci --no-audit --no-fund --ignore-scripts; \
	else \
		echo "npm is not installed: the OpenAPI lint test will be skipped"; \
	fi

seed: setup
	$(BIN)/flask --app wsgi seed

# gunicorn, as deployed (gunicorn.conf.py), with one process: the embedded SQLite store
# takes one writer at a time, and that process's threads serve the readers.
run: setup
	$(BIN)/flask --app wsgi seed --if-empty
	$(BIN)/gunicorn -c gunicorn.conf.py --workers 1 --bind $(HOST):$(PORT) wsgi:app

test: setup api-lint-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The pages in Chromium only (Debian's package: apt-get install chromium, or set CHROMIUM
# to its path); `make test` runs them too.
browser-test: setup
	$(BIN)/python -m pytest -m browser

# The README's screenshot of a page, taken by the browser tests.
screenshots: setup
	PAGES_SCREENSHOT_DIR=docs $(BIN)/python -m pytest -q -m browser -k axe

# What `make test` checks first, and the fix for what `ruff format` would change.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Figures beside baselines measured in the same run (a few minutes); BENCH_ARGS=--full
# adds the 1-million-event history.
bench: setup
	$(BIN)/python -m tests.bench.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache *.egg-info $(API_LINT)/node_modules
