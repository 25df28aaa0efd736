# Zaakwerk — the two commands a newcomer needs:
#   make demo   installs everything and starts the demo on SQLite at http://127.0.0.1:8000
#   make test   runs every check and test (SQLite and PostgreSQL)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ZAAKWERK_TEST_PG ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test

.PHONY: demo test install lint test-sqlite test-postgres bench bench-zaken clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/zaakwerk demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test-sqlite: $(STAMP)
	ZAAKWERK_TEST_DATABASE_URL=sqlite $(BIN)/pytest

test-postgres: $(STAMP)
	ZAAKWERK_TEST_DATABASE_URL=$(ZAAKWERK_TEST_PG) $(BIN)/pytest

test: lint test-sqlite test-postgres

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The Zaken API at 1,000,000 zaken on PostgreSQL and 100,000 on SQLite (about half an hour).
bench-zaken: $(STAMP)
	$(BIN)/python benchmarks/run.py --suite zaken

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
