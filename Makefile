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

# The benchmarks (bench/README.md): JSON lines on stdout, the table on stderr. `make bench` is the full suite (it
# seeds 1,000,000 cases on PostgreSQL once, then keeps them); `make bench-quick` takes under two minutes. Where
# PostgreSQL cannot be reached they say so in one line and run the SQLite half. The HTTP rows' load comes from
# Debian's wrk, installed here where it is missing (else they fall back on a Python client, and say so).
BENCH_RUN = if $(BIN)/python bench/run.py --postgres-reachable; then $(BIN)/python bench/run.py $(1); \
	else $(BIN)/python bench/run.py --database sqlite $(1); fi
BENCH_WRK = command -v wrk >/dev/null || { command -v apt-get >/dev/null && \
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
	echo "wrk could not be installed: the HTTP rows use the Python load generator" >&2; }

bench: $(STAMP)
	@$(BENCH_WRK)
	@$(call BENCH_RUN,$(BENCH_ARGS))

.PHONY: bench-quick
bench-quick: $(STAMP)
	@$(BENCH_WRK)
	@$(call BENCH_RUN,--quick $(BENCH_ARGS))

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
