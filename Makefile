# Two entry points a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest bench bench-memory train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dyads code examples/*.txt --format table
	@echo "Next: $(BIN)/dyads ingest examples/ --db news.duckdb && $(BIN)/dyads serve --db news.duckdb  (then open http://127.0.0.1:8000)"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck pytest

# Rebuild the learned trigger and role models from the real-news gold (train split + silver;
# texts from ../shared/corpus), then tune their thresholds on the dev split. Fixed seeds.
train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_triggers.py
	$(BIN)/python scripts/train_roles.py
	$(BIN)/python scripts/tune_learned.py --write

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/length.py
	$(BIN)/python benchmarks/web_load.py

# Memory per worker over 50,000 distinct inputs (about 30 minutes on 2 cores; issue 15)
bench-memory: $(STAMP)
	$(BIN)/python benchmarks/memory_long.py --n 50000

actors: $(STAMP)
	$(BIN)/python scripts/build_actors.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
