# quotegraph: everything a fresh machine needs is bootstrapped from here.
# Needs only Python 3.11 (python3.11, else python3) and make; packages come from PyPI.
#
#   make demo    run the bundled demo article and print who said what
#   make test    run the whole test suite (slow tests included)
#   make axe     install axe-core (npm) into build/axe for the accessibility test (make test does)
#   make eval    the evaluation gate (skips with a message where ../shared/data is absent)
#   make check   lint (ruff, import order included) and type-check (mypy) the source
#   make bench   throughput benchmark
#   make train   train the attribution model on PolNeAR train, export and calibrate it (needs ../shared/data)
#   make clean   remove the virtualenv and build/test debris

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV  := .venv
BIN   := $(VENV)/bin
# Re-install only when pyproject.toml changes (or the stamp is missing).
STAMP := $(VENV)/.installed-stamp
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
# Extra arguments for pytest, e.g.  make test PYTEST_ARGS="-m 'not slow'"
PYTEST_ARGS ?=

.PHONY: help install axe demo test eval check bench train clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

install: $(STAMP)

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "error: neither python3.11 nor python3 is on PATH" >&2; exit 1; fi
	@"$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "error: quotegraph needs Python >= 3.11; $(PYTHON) is $$("$(PYTHON)" -V 2>&1)" >&2; exit 1; }
	"$(PYTHON)" -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(STAMP)
	$(BIN)/quotegraph demo

# axe-core, Deque's accessibility engine, for tests/web/test_web_accessibility.py: npm's
# package at a pinned version, into build/ (ignored). Without npm the test skips, except
# under CI (.ci/run installs npm), where it fails.
AXE_VERSION := 4.14.1
AXE := build/axe/node_modules/axe-core/axe.min.js

axe: $(AXE)

$(AXE):
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix build/axe axe-core@$(AXE_VERSION) \
	    || echo "warning: npm could not install axe-core: the accessibility test will skip" >&2; \
	else echo "warning: no npm (apt-get install npm): the accessibility test will skip" >&2; fi

test: $(STAMP) axe
	@$(BIN)/python -m pytest -q $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests (exit 5)" >&2; fi; \
	exit $$rc

eval: $(STAMP)
	$(BIN)/python -m quotegraph.eval.gate

# ruff and mypy at pinned versions (the [check] extra), their settings in pyproject.toml.
CHECK_STAMP := $(VENV)/.check-stamp
$(CHECK_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,check]'
	@touch $@

check: $(CHECK_STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

# Fixed seeds; about 47 minutes on 2 CPU cores. Writes build/model (torch state, training.json)
# and the shipped artifact in src/quotegraph/quotes/model/artifact (int8 ONNX, tokenizer, config).
TRAIN_STAMP := $(VENV)/.train-stamp
$(TRAIN_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	@touch $@

train: $(TRAIN_STAMP)
	$(BIN)/python -m quotegraph.training.train --data ../shared/data/polnear --out build/model
	$(BIN)/python -m quotegraph.training.export --trained build/model --data ../shared/data/polnear --out src/quotegraph/quotes/model/artifact
	$(BIN)/python -m quotegraph.training.calibrate --data ../shared/data/polnear --artifact src/quotegraph/quotes/model/artifact

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis src/*.egg-info quotegraph-demo.json
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
