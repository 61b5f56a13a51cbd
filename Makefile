# Tawasol — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DATA_DIR ?= ./var

.PHONY: demo test lint bench clean test-servers constraints

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstall when the project's dependencies change. constraints.txt pins every package to the
# versions the tests and the measured figures were last run with (reproducible installs).
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[tuning]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,tuning]'
	touch $@ $(VENV)/.installed

# After changing dependencies: install the newest allowed versions, test, then pin them.
constraints: | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade --upgrade-strategy eager -e '.[dev,tuning]'
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt

demo: $(VENV)/.installed
	$(BIN)/tawasol demo --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The whole suite on SQLite; then the database tests again on PostgreSQL when
# TAWASOL_TEST_DATABASE_URL is set (Redis tests run when TAWASOL_TEST_REDIS_URL is set).
test: lint test-servers
	TAWASOL_TEST_DATABASE_URL= $(BIN)/pytest
	@if [ -n "$$TAWASOL_TEST_DATABASE_URL" ]; then \
		echo "== PostgreSQL pass: $$TAWASOL_TEST_DATABASE_URL"; \
		$(BIN)/pytest -m db; \
	fi

# Servers and the browser the tests start themselves, from Debian when missing.
test-servers:
	@command -v dovecot >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd; }
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/conversation_list.py --engine sqlite

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
