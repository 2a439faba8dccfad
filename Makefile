# GradMatch developer commands. `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo/gradmatch-demo.sqlite3
# Every dependency (runtime, tests, tools, installers) at one exact version with its hashes.
LOCK := packaging/requirements.lock
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: run test lint unit soak screenshots demo docs-schema package package-test lock clean

# Exactly the locked versions (pip refuses a file whose hash differs), then GradMatch itself
# without letting pip choose anything else.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	@touch $(STAMP)

## Open the window on the demo database inside the checkout (created on first run).
run: $(DEMO_DB)
	$(BIN)/gradmatch --db $(DEMO_DB)

$(DEMO_DB): $(STAMP)
	$(BIN)/gradmatch --db $(DEMO_DB) student import resources/demo/students.csv

## The whole suite: lint, types, layer contracts, tests (offscreen, no display needed).
test: lint unit

lint: $(STAMP)
	$(BIN)/ruff check src tests db docs bench
	$(BIN)/ruff format --check src tests db docs bench
	$(BIN)/mypy
	$(BIN)/mypy --strict docs/make_screenshots.py bench
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

## The soak test alone: thousands of real interactions with the window (also in `make test`).
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest tests/soak -s

## Refresh the lock: resolve the newest versions pyproject.toml allows, install them into a
## throw-away environment, run the soak test and the suite there, and only then replace
## $(LOCK). UPGRADE=PACKAGE moves one package only (e.g. make lock UPGRADE=reportlab).
lock: $(STAMP)
	bash packaging/refresh-lock.sh $(UPGRADE)

## PNG screenshots of the window into docs/screenshots/.
screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py

## Regenerate the published JSON Schemas: the profile exchange file and the catalog file.
docs-schema: $(STAMP)
	$(BIN)/python -c "import json; from gradmatch.domain.exchange import json_schema; \
	open('docs/profile-exchange.schema.json', 'w', encoding='utf-8').write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + '\n')"
	$(BIN)/python -c "import json; from gradmatch.domain.catalog_parse import json_schema; \
	open('docs/catalog-format.schema.json', 'w', encoding='utf-8').write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + '\n')"

## (Re)create the demo database: the shipped catalog and the fictional demo students.
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(MAKE) $(DEMO_DB)

## Linux installers into dist/: the one-folder bundle, a .deb and a .tar.gz
## (EDITION=student for the student edition). See README, "Installers".
package:
	bash packaging/linux/build.sh

## Build the installers, then run their self-tests (bundle, extracted .deb, Xvfb).
package-test: package
	bash packaging/linux/test.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
