# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= examples/sample.duckdb

.PHONY: run test lint bench eval clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	rm -f $(DB)
	$(BIN)/herald ingest examples/corpus --db $(DB)
	$(BIN)/herald events --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q

eval: $(STAMP)
	for set in ../shared/eval/*/; do $(BIN)/herald eval $$set; done

bench: $(STAMP)
	$(BIN)/python bench/run.py --out bench/results.json

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
