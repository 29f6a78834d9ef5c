# rasd: the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE_DATE ?= 2019-05-20

.PHONY: run test lint setup web bench clean

# Set up a virtual environment with rasd and its test tools (re-run when pyproject.toml changes).
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The web page's map library and offline basemap, from the npm packages pinned in web/package-lock.json.
WEB_BUILT := src/rasd/web/static/vendor/.built
$(WEB_BUILT): web/package-lock.json web/build.mjs
	cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs
	touch $@

web: $(WEB_BUILT)

setup: $(BIN)/.installed $(WEB_BUILT)

# The main job on the bundled sample articles, with the embedded defaults: their events as a table, then the
# articles stored in a SQLite database of their own and the analyst's page served (Ctrl-C stops it).
SAMPLE_DB ?= out/sample.sqlite
HOST ?= 127.0.0.1
PORT ?= 8000
run: setup
	$(BIN)/rasd extract samples/sample-idlib.txt --published $(SAMPLE_DATE) --format table
	$(BIN)/rasd ingest samples/sample-idlib.txt --published $(SAMPLE_DATE) --db $(SAMPLE_DB) --quiet
	$(BIN)/rasd ingest samples/second-report-bukamal.txt --published 2017-11-13 --db $(SAMPLE_DB) --quiet
	$(BIN)/rasd serve --db $(SAMPLE_DB) --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

# Lint, type-check and test (the eval gate on the gold sets is part of the tests).
test: lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build dist web/node_modules src/rasd/web/static/vendor src/rasd/web/static/basemap src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
