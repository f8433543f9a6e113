# Two commands for a fresh clone: `make run` (the app on the bundled articles) and
# `make test` (the whole suite). Both create .venv and install into it first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint typecheck bench clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## run: install, ingest data/articles on first start, serve http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/bikg serve --host $(HOST) --port $(PORT) --load data/articles

## test: install with test extras, lint, type-check and run the whole suite
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/bikg bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
