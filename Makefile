# Two commands for a fresh clone: `make run` (the app on the bundled articles) and
# `make test` (the whole suite). Both create .venv and install into it first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The JavaScript's linter and formatter (Biome), installed from package-lock.json.
NODE_STAMP := node_modules/.installed
BIOME  := node_modules/.bin/biome
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint format typecheck bench clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

## run: install, ingest data/articles on first start, serve http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/bikg serve --host $(HOST) --port $(PORT) --load data/articles

## test: install with test extras, lint, type-check and run the whole suite
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n 2 --dist loadgroup

## lint: ruff on the Python, the import layers (pyproject.toml), Biome on web/js
lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIOME) ci web

## format: rewrite the Python and the JavaScript the way lint wants them
format: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff format kg tests benchmarks
	$(BIOME) check --write web

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/bikg bench

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
