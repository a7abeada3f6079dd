# Two commands on a fresh machine with Python 3.11+:
#   make run   set up, seed the embedded SQLite store, serve the API on 127.0.0.1:5000
#   make test  set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: setup seed run test browser-test screenshots lint format bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Minutebook needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

seed: setup
	$(BIN)/flask --app wsgi seed

# gunicorn, as deployed (gunicorn.conf.py), with one process: the embedded SQLite store
# takes one writer at a time, and that process's threads serve the readers.
run: setup
	$(BIN)/flask --app wsgi seed --if-empty
	$(BIN)/gunicorn -c gunicorn.conf.py --workers 1 --bind $(HOST):$(PORT) wsgi:app

test: setup
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
	rm -rf $(VENV) instance .pytest_cache *.egg-info
