# Two commands on a fresh machine with Python 3.11 and git: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# localhost keeps the app on this computer (and stops Streamlit looking up a public IP);
# HOST=0.0.0.0 serves a phone on the same network.
HOST ?= localhost
# The app's own modules, compiled before a start: where Python may not write its cache
# itself (PYTHONDONTWRITEBYTECODE, as in many containers), every new server process
# would compile them again on its first page (about 50 ms, bench/coldstart.py).
APP_CODE := app_pages components limber

.PHONY: run test lint unit app e2e bench browser schema poses clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

## make run: start the app on the bundled routine library
run: $(VENV)/.installed
	$(BIN)/python -m compileall -q $(APP_CODE)
	$(BIN)/python -m streamlit run app.py --server.address $(HOST) --server.port $(PORT) $(ARGS)

## make test: lint, then unit, app and browser tests
test: $(VENV)/.installed-dev browser lint
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(VENV)/.installed-dev browser
	$(BIN)/pytest tests/unit

app: $(VENV)/.installed-dev
	$(BIN)/pytest tests/app

e2e: $(VENV)/.installed-dev browser
	$(BIN)/pytest tests/e2e

## make bench: the benchmarks, each ending with one JSON line
bench: $(VENV)/.installed-dev browser
	$(BIN)/python bench/library.py
	$(BIN)/python bench/player.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/coldstart.py
	$(BIN)/python bench/load.py

## Debian's chromium, ffmpeg and nodejs, where missing and apt-get is there
## (Playwright's own browser download cannot work here)
browser:
	@if { [ -n "$$CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1; } && command -v ffmpeg >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ffmpeg nodejs; \
	elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ffmpeg nodejs; \
	else \
		echo "The tests need Chromium, ffmpeg and Node.js. Install them with your package manager"; \
		echo "(Debian/Ubuntu: apt-get install chromium ffmpeg nodejs), or set CHROMIUM_PATH to a Chromium binary."; \
		exit 1; \
	fi

## make schema: rewrite routines/schema.json and poses.schema.json (after changing a model or the poses)
schema: $(VENV)/.installed
	$(BIN)/python -m limber schema

## make poses: draw every pose of routines/poses.yaml into docs/poses.png, in Debian's chromium
poses: $(VENV)/.installed-dev browser
	$(BIN)/python docs/make_poses.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
