# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= examples/sample.duckdb

.PHONY: run test lint bench bench-api bench-scale eval clean browser screenshots

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
	@echo
	@echo "Open the UI:  $(BIN)/herald serve --db $(DB)   then browse http://127.0.0.1:8000/"
	@echo "              (map at /map, timeline at /timeline, API description at /docs)"

# Debian's Chromium for the browser tests and screenshots (Playwright drives it; it downloads
# no browser). Installed when missing if we are root with apt-get, as in CI; otherwise the
# browser tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and not root: the browser tests will skip (apt-get install chromium)"; fi; }

screenshots: $(STAMP) browser
	test -f $(DB) || $(BIN)/herald ingest examples/corpus --db $(DB)
	$(BIN)/python scripts/screenshots.py --db $(DB) --out docs/screenshots

test: $(STAMP) browser
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q

eval: $(STAMP)
	for set in ../shared/eval/*/; do $(BIN)/herald eval $$set; done

bench: $(STAMP)
	$(BIN)/python bench/run.py --out bench/results.json
	$(BIN)/python bench/api_latency.py --out bench/api_results.json

bench-api: $(STAMP)
	$(BIN)/python bench/api_latency.py --out bench/api_results.json

# Hours on 2 cores: 10k and 100k real-shaped articles, 1M candidates, Dask 2 vs 1 workers,
# a Parquet export of 100k events (see bench/scale.py); writes bench/scale.json.
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --out bench/scale.json

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
