# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= examples/sample.duckdb

.PHONY: run test lint bench bench-scale eval clean

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

# Hours on 2 cores: 10k and 100k real-shaped articles, 1M candidates, Dask 2 vs 1 workers,
# a Parquet export of 100k events (see bench/scale.py); writes bench/scale.json.
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --out bench/scale.json

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
