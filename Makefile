# kinerja: two commands set everything up.
#   make demo   system packages + .venv, then the demo office's report
#   make test   the same plus Chromium and LibreOffice Calc, then the whole test suite
# The set-up itself is in scripts/setup.sh; a second run reuses what is installed.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.NOTPARALLEL:

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SETUP := scripts/setup.sh
export VENV

# Whole suite on every core (at most 4 workers); `make test PYTEST_XDIST=` runs it serially.
PYTEST_XDIST ?= -n auto --maxprocesses=4 --dist loadgroup
PYTEST_ARGS ?=
LINT_PATHS := kinerja tests benchmarks scripts

.PHONY: help demo test lint lab bench lock clean distclean venv system-demo system-test

help:
	@echo "Perintah (commands):"
	@echo "  make demo       pasang semuanya lalu jalankan demo (install everything, run the demo)"
	@echo "  make test       pasang semuanya lalu jalankan semua uji (install everything, run all tests)"
	@echo "  make lab        buka JupyterLab (open JupyterLab)"
	@echo "  make lint       periksa gaya kode dengan ruff (lint and format check)"
	@echo "  make bench      jalankan benchmarks/bench_*.py (run the benchmarks)"
	@echo "  make lock       susun ulang requirements.lock dan environment.yml (re-lock)"
	@echo "  make clean      hapus cache dan artefak uji (remove caches and test artefacts)"
	@echo "  make distclean  clean + hapus .venv (also remove the venv)"

demo: system-demo venv
	$(VENV)/bin/kinerja demo

test: system-test venv
	$(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

lab: system-demo venv
	@$(SETUP) lab-settings
	$(VENV)/bin/kinerja lab

lint: venv
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)

bench: system-demo venv
	@status=0; \
	for script in benchmarks/bench_*.py; do \
		[[ -e $$script ]] || { echo "Belum ada benchmark (no benchmarks yet)"; break; }; \
		echo "==> $$script"; \
		PYTHONPATH=tests $(PY) $$script || status=1; \
	done; \
	exit $$status

lock:
	$(SETUP) lock

system-demo:
	@$(SETUP) system demo

system-test:
	@$(SETUP) system test

venv: $(STAMP)
	@:

$(STAMP): requirements.lock pyproject.toml uv-excludes.txt scripts/setup.sh
	@$(SETUP) python

clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis tests/artefacts benchmarks/results \
		build dist *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
