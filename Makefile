# The two commands of the README: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint chromium bench clean

# constraints.txt pins every package installed, the dependencies of dependencies included.
# The pages' GOV.UK Frontend assets come from the npm registry at the version package-lock.json pins.
$(STAMP): pyproject.toml constraints.txt package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@command -v npm >/dev/null || { echo "npm is needed for the pages' GOV.UK Frontend assets: install Node.js"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $(STAMP)

PORT ?= 8000

run: $(STAMP)
	$(BIN)/ombudsman init-db
	$(BIN)/ombudsman demo
	$(BIN)/ombudsman serve --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The browser tests drive Debian's Chromium; install it only where it is missing.
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "installing chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	}

test: lint chromium
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
