# Liaoning RCI re-analysis. `make` (or `make help`) lists the targets.
# Targets bootstrap their own environment: with no virtualenv/conda env active they
# build .venv from uv.lock (fetching uv into .tools/ first if it is not on PATH).
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)

ifdef VIRTUAL_ENV
  PY := $(VIRTUAL_ENV)/bin/python
  ENV_READY :=
else ifneq ($(filter-out base,$(CONDA_DEFAULT_ENV)),)
  PY := $(CONDA_PREFIX)/bin/python
  ENV_READY :=
else
  PY := $(CURDIR)/.venv/bin/python
  ENV_READY := .venv/.synced
endif

.PHONY: help env test test-fast lint validate

help: ## List the targets (this text)
	@echo "Usage: make <target>"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "} {name[NR] = $$1; text[NR] = $$2; \
	    if (length($$1) > w) w = length($$1)} \
	    END {for (i = 1; i <= NR; i++) printf "  %-" w "s  %s\n", name[i], text[i]}'

$(CURDIR)/.tools/bin/uv:
	@echo ">> uv not found: installing uv $(UV_VERSION) into .tools/"
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	@echo ">> syncing .venv from uv.lock (bytecode compiled: imports ~3x faster in every kernel)"
	$(UV) sync --frozen --quiet --compile-bytecode
	@# src/ too: where PYTHONDONTWRITEBYTECODE is set, every run would compile it again
	@$(CURDIR)/.venv/bin/python -m compileall -q src
	@touch $@

# src/ compiled again when a module changed since: where PYTHONDONTWRITEBYTECODE is set nothing
# else writes its bytecode, and every build would compile each edited module anew (about 5 ms a
# module, as much as a no-op build's planning).
SRC_BYTECODE := build/.src-bytecode
$(SRC_BYTECODE): $(shell find src -name '*.py' -not -path '*/__pycache__/*') $(ENV_READY)
	@mkdir -p $(@D)
	@$(PY) -m compileall -q src
	@touch $@

env: $(ENV_READY) ## Create or update the project environment (.venv from uv.lock)
	@$(PY) -m reporting.lab install
	@$(PY) -c "import analysis, sys; print('environment ready:', sys.prefix)"

# WORKERS: pytest-xdist processes; WORKERS=0 runs every test in one process. By default
# `make test` runs two per core (at most 8): its integration tests spend much of their time
# waiting on kernels, Chromium and timeouts, so a core can serve two; `make test-fast` runs one
# per core. Tests that share a long-built fixture stay on one worker (tests/conftest.py).
TEST_WORKERS = $(or $(WORKERS),$(shell python3 -c "import os; print(min(8, 2 * (os.cpu_count() or 1)))"))
FAST_WORKERS = $(or $(WORKERS),auto)
# pytest keeps each test module's assertion rewrite as bytecode (tests/**/__pycache__,
# git-ignored) unless PYTHONDONTWRITEBYTECODE is set; then every worker rewrites every module on
# every run (2-3 s of a worker's start), so the test targets unset it for pytest.
PYTEST = PYTHONDONTWRITEBYTECODE= $(PY) -m pytest

test: $(ENV_READY) ## Run lint and the full test suite in parallel workers (WORKERS=0: one process)
	$(PY) -m ruff check .
	$(PYTEST) -q -n $(TEST_WORKERS) --dist loadgroup

test-fast: $(ENV_READY) ## Lint and the unit tests only (seconds; the inner loop)
	$(PY) -m ruff check .
	$(PYTEST) -q -n $(FAST_WORKERS) --dist loadgroup -m "not slow"

validate: $(ENV_READY) ## Validate every data file against data/datapackage.json
	$(PY) -m analysis.validate

lint: $(ENV_READY) ## Lint the code (ruff)
	$(PY) -m ruff check .

# ---- Reports (the machinery, src/reporting/; `$(PY) -m reporting --help` lists the options)
# LABELS: label languages to build, e.g. `make reports LABELS=en` (not LANG: that is the
# locale). TIMEOUT: seconds one notebook may take before it fails naming the cell it was running.
# Each is passed only when given: the defaults live in src/reporting (plan.DEFAULT_LABELS,
# execute.NOTEBOOK_TIMEOUT) and `$(PY) -m reporting --help` shows them.
REPORT_ARGS = $(if $(LABELS),--labels "$(LABELS)") $(if $(TIMEOUT),--timeout "$(TIMEOUT)")

.PHONY: reports lab bench profile browser-check clean-reports

reports: $(ENV_READY) $(SRC_BYTECODE) ## Run the notebooks into versioned offline HTML in reports/ in English and Chinese (LABELS=en for one; TIMEOUT=<seconds>)
	REPORTING_COMMAND="make reports" $(PY) -m reporting$(if $(strip $(REPORT_ARGS)), $(strip $(REPORT_ARGS)))

# LAB_ARGS: e.g. `make lab LAB_ARGS="--port 8899 --no-browser"` (python -m reporting.lab --help)
lab: $(ENV_READY) ## Open JupyterLab on notebooks/: each .py opens as a notebook in the project kernel
	$(PY) -m reporting.lab $(LAB_ARGS)

bench: $(ENV_READY) $(SRC_BYTECODE) ## Time a clean bilingual build against the naive CLI chain, a no-op and two edits (with the load)
	$(PY) -m reporting.bench

profile: $(ENV_READY) ## Profile one clean bilingual build: where each kernel's and the driver's time goes
	$(PY) -m reporting.bench --profile

browser-check: $(ENV_READY) ## Open the newest built reports in headless Chromium and report problems
	$(PY) -m reporting.browser reports --versions 1

clean-reports: ## Delete every built report, the build cache and failed-build leftovers
	find reports -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
