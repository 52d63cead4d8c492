# NAP Drafter: `make run` serves the app, `make test` runs every test. Both set up
# everything they need on a fresh Debian machine (system packages with apt-get, a
# virtualenv with the Python dependencies, the database and the sample plans).

PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 5000
BIN    := $(VENV)/bin
export DRAFTER_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

# Debian packages: fonts and Pango for the PDFs; Chromium and poppler for the tests.
RUN_DEBS  := fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils

WORKERS    ?= 3
SERVE_PORT ?= 8000

.PHONY: run serve test bench soak messages init-db system-run system-test clean workshop-load

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-run:
	$(call apt_install,$(RUN_DEBS))

system-test:
	$(call apt_install,$(TEST_DEBS))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

init-db: $(VENV)/.installed
	$(BIN)/drafter init-db
	$(BIN)/drafter load-samples --if-empty

# `make run HOST=0.0.0.0` serves the whole local network (a workshop on a hotel LAN):
# the addresses participants type are printed.
run: system-run init-db
	@echo ""
	@if [ "$(HOST)" = "0.0.0.0" ]; then \
	  for address in $$(hostname -I 2>/dev/null); do \
	    case $$address in *:*) ;; *) echo "  NAP Drafter is running at http://$$address:$(PORT)";; esac; \
	  done; echo "  (on every address of this computer; Ctrl+C to stop)"; \
	else echo "  NAP Drafter is running at http://$(HOST):$(PORT)  (Ctrl+C to stop)"; fi
	@echo ""
	$(BIN)/drafter run --host $(HOST) --port $(PORT)

# Production: several gunicorn workers over DRAFTER_DATABASE_URL (PostgreSQL for a
# shared deployment), JSON logs; put a reverse proxy with HTTPS in front (README).
serve: system-run $(VENV)/.installed
	$(BIN)/drafter init-db
	DRAFTER_LOG_FORMAT=json $(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(SERVE_PORT) \
	  --timeout 120 --graceful-timeout 30 'drafter:create_app()'

# The whole suite twice: on SQLite files, then on the PostgreSQL server at
# DRAFTER_TEST_POSTGRES_URL (skipped when none answers, except in CI, where it fails).
test: system-test $(VENV)/.installed-test
	$(BIN)/python -m pytest
	DRAFTER_TEST_DATABASE=postgres $(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Two gunicorn instances over one PostgreSQL database (its own, dropped and re-created:
# SOAK_DATABASE_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/soak), 40 editors
# saving at once for 5 minutes; fails on any error or lost save. SOAK_ARGS="--seconds 30".
soak: $(VENV)/.installed
	$(BIN)/python benchmarks/soak.py $(SOAK_ARGS)

# Collect every user-visible string into a catalogue for translators.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -o translations/messages.pot .

clean:
	rm -rf $(VENV) instance .pytest_cache

# A workshop under load: 30 teams of 2 joining and editing for 5 minutes while the dashboard
# polls, on SQLite then PostgreSQL; fails on errors or lost saves. WORKSHOP_LOAD_ARGS="--seconds 30".
workshop-load: $(VENV)/.installed
	$(BIN)/python benchmarks/workshop_load.py $(WORKSHOP_LOAD_ARGS)
