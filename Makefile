# eventwire: `make demo` and `make test` are all a new user needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= eventwire.db
SHARED ?= ../shared

.PHONY: demo test eval bench serve clean venv ui

venv: $(STAMP)

$(STAMP): requirements/base.txt requirements/dev.txt requirements/ray.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements/base.txt -r requirements/dev.txt -r requirements/ray.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The web UI's libraries: npm ci (pinned in package-lock.json, Node and npm from
# Debian where missing), then their dist files copied into src/eventwire/ui/vendor/
# (committed, so pip users need no Node). Without npm the committed files are used.
UI_STAMP := node_modules/.vendored
ui: $(UI_STAMP)

$(UI_STAMP): package.json package-lock.json scripts/vendor_ui.py
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: using the committed src/eventwire/ui/vendor/ files" >&2; \
	elif npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; then \
		$(PYTHON) scripts/vendor_ui.py && touch $(UI_STAMP); \
	else echo "npm ci failed: using the committed src/eventwire/ui/vendor/ files" >&2; fi

demo: $(STAMP) ui
	$(BIN)/eventwire ingest examples --db $(DB)
	$(BIN)/eventwire events --db $(DB) --limit 15
	$(BIN)/eventwire actors --db $(DB) --limit 10
	$(BIN)/eventwire quotes --db $(DB) --limit 5
	@if $(BIN)/eventwire serve --help >/dev/null 2>&1 && [ -z "$$NO_SERVE" ]; then \
		echo "serving $(DB) on http://127.0.0.1:8000 (Ctrl-C to stop)"; \
		$(BIN)/eventwire serve --db $(DB); fi

# The suite runs the store and API tests against SQLite and against a
# throwaway PostgreSQL server (installed from Debian where missing).
test: $(STAMP) ui
	bash scripts/browser-deps.sh
	@url=$$(bash scripts/test-postgres.sh start); \
	echo "PostgreSQL for tests: $${url:-none (its tests skip)}"; \
	EVENTWIRE_TEST_PG_URL=$$url $(BIN)/pytest -q -n 2 -p no:cacheprovider $(PYTEST_ARGS); rc=$$?; \
	bash scripts/test-postgres.sh stop; exit $$rc

# The seed (../shared/gold), our hand-annotated development set (tests/gold) and the PLOVER sentences, each on its own.
eval: $(STAMP)
	@echo "== seed: $(SHARED)/gold"; $(BIN)/eventwire eval $(SHARED)/gold
	@echo "== development set: tests/gold"; $(BIN)/eventwire eval tests/gold
	@echo "== PLOVER sentences"; $(BIN)/eventwire eval $(SHARED)/gold --plover $(SHARED)/data/plover/PLOVER_GSR_CAMEO.json | tail -1

bench: $(STAMP)
	$(BIN)/eventwire bench

serve: $(STAMP)
	$(BIN)/eventwire serve --db $(DB)

clean:
	rm -rf $(VENV) node_modules $(DB) $(DB)-wal $(DB)-shm .pytest_cache
