# rasd: the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE_DATE ?= 2019-05-20

.PHONY: run test lint setup bench clean

# Set up a virtual environment with rasd and its test tools (re-run when pyproject.toml changes).
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

# The main job on the bundled sample article, with the embedded defaults.
run: setup
	$(BIN)/rasd extract samples/sample-idlib.txt --published $(SAMPLE_DATE) --format table

lint: setup
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

# Lint, type-check and test (the eval gate on the gold sets is part of the tests).
test: lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
