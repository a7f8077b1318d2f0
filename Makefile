# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
SITES_PORT ?= 8000
# Links in e-mail point at the app that `make run` serves, unless BASE_URL is set.
BASE_URL ?= http://127.0.0.1:$(PORT)
export FLASK_DEBUG ?= 0

.PHONY: install lock run serve test test-sqlite test-postgres lint bench clean

install: $(VENV)/.installed node_modules/.installed

# Every Python package, direct or not, comes from the hashed lock; the app itself is installed
# without resolving anything. Regenerate the lock after changing pyproject.toml: `make lock`.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--python-platform linux --no-header --quiet -c lock-constraints.txt -o requirements.lock

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The app on $(PORT); the built public microsites on $(SITES_PORT) for preview; the worker that
# sends the outbox's mail, refreshes report summaries and rebuilds changed microsites. Every
# command of the recipe sees the same BASE_URL: the sites built here link to this app.
run: export BASE_URL := $(BASE_URL)
run: export SITES_BASE_URL := http://127.0.0.1:$(SITES_PORT)
run: install
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) sites build --all --jobs 2
	$(BIN)/python -m http.server $(SITES_PORT) --bind 127.0.0.1 --directory build/sites & \
	sites_server=$$!; \
	$(FLASK) worker & \
	worker=$$!; \
	trap 'kill $$sites_server $$worker' EXIT; \
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - 'wsgi:app'

lint: install
	$(BIN)/ruff check .

# The suite runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL, both at once, each
# spread over TEST_WORKERS processes (pytest-xdist; a database file or schema of its own each).
# A file's tests stay in one process, so what a module sets up is set up once. Each half's output
# is printed whole when it ends; either half failing (exit 5, no test run, included) fails it all.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: install
	env -u TEST_DATABASE_URL $(PYTEST)

test-postgres: install
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "$(PYTEST)"; $(PYTEST); \
	else \
		echo "TEST_DATABASE_URL is not set: the PostgreSQL run is skipped."; \
	fi

bench: install
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/inbox.py
	$(BIN)/python bench/sites.py

clean:
	rm -rf $(VENV) node_modules build .pytest_cache .ruff_cache
