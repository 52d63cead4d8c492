# NAP Drafter: `make run` serves the app, `make test` runs every test. Both set up
# everything they need on a fresh Debian machine (system packages with apt-get, a
# virtualenv with the Python dependencies, the database and the sample plans).

PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 5000
BIN    := $(VENV)/bin
# The languages besides English, and their compiled catalogues (made at install; defined
# here, before any rule names them: make expands a rule's prerequisites as it reads it).
LANGS      := fr es ar pt
CATALOGUES := $(foreach lang,$(LANGS),translations/$(lang)/LC_MESSAGES/messages.mo)
export DRAFTER_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

# Debian packages: fonts and Pango for the PDFs; Chromium, poppler and Redis for the tests.
RUN_DEBS  := fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils redis-server

WORKERS    ?= 3
SERVE_PORT ?= 8000

.PHONY: run serve worker test bench soak messages translations init-db system-run system-test clean workshop-load \
	reports-load

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

init-db: $(VENV)/.installed $(CATALOGUES)
	$(BIN)/drafter init-db
	$(BIN)/drafter load-samples --if-empty

# `make run` serves with gunicorn and starts the worker that makes report files;
# `make run HOST=0.0.0.0` serves the whole local network (a workshop on a hotel LAN) and
# prints the addresses participants type, once the server is listening.
# `make run DEBUG=1` is Werkzeug's development server (reloads on changes), for developers.
run: system-run init-db
	$(BIN)/drafter serve --host $(HOST) --port $(PORT)$(if $(DEBUG), --debug,)

# Production: gunicorn over DRAFTER_DATABASE_URL (PostgreSQL for a shared deployment),
# JSON logs, the worker beside it; put a reverse proxy with HTTPS in front (README).
# With DRAFTER_QUEUE_URL=redis://..., `make serve WORKER=no` on the web machines and
# `make worker` on the machines that make reports.
serve: system-run $(VENV)/.installed $(CATALOGUES)
	$(BIN)/drafter init-db
	DRAFTER_LOG_FORMAT=json $(BIN)/drafter serve --host $(HOST) --port $(SERVE_PORT) \
	  --processes $(WORKERS)$(if $(filter no,$(WORKER)), --no-worker,)

worker: system-run $(VENV)/.installed $(CATALOGUES)
	$(BIN)/drafter worker

# The whole suite twice: on SQLite files, then on the PostgreSQL server at
# DRAFTER_TEST_POSTGRES_URL (skipped when none answers, except in CI, where it fails).
test: system-test $(VENV)/.installed-test $(CATALOGUES)
	$(BIN)/python -m pytest
	DRAFTER_TEST_DATABASE=postgres $(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Two gunicorn instances over one PostgreSQL database (its own, dropped and re-created:
# SOAK_DATABASE_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/soak), 40 editors
# saving at once for 5 minutes; fails on any error or lost save. SOAK_ARGS="--seconds 30".
soak: $(VENV)/.installed
	$(BIN)/python benchmarks/soak.py $(SOAK_ARGS)

# Translations (README, "Translating"): `make messages` collects every user-visible string
# into translations/messages.pot and merges new ones into each language's catalogue; the
# compiled catalogues are made from them at install time, so every language is served.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k N_ -c Translators: --sort-by-file \
	  --project "NAP Drafter" --copyright-holder "NAP Drafter" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -l $* -i $< -o $@

translations: $(CATALOGUES)

clean:
	rm -rf $(VENV) instance .pytest_cache

# A workshop under load: 30 teams of 2 joining and editing for 5 minutes while the dashboard
# polls, against `drafter serve` as `make run` starts it, on SQLite then PostgreSQL; fails on
# errors or lost saves. WORKSHOP_LOAD_ARGS="--seconds 30".
workshop-load: $(VENV)/.installed
	$(BIN)/python benchmarks/workshop_load.py $(WORKSHOP_LOAD_ARGS)

# Reports under load: 30 people editing while one downloads the PDF draft of a 2,000-action
# plan and a trainer the debrief pack of 60 teams, against `drafter serve` as `make run`
# starts it, on SQLite; fails on errors or lost saves. REPORTS_LOAD_ARGS="--seconds 60".
reports-load: $(VENV)/.installed
	$(BIN)/python benchmarks/reports_load.py $(REPORTS_LOAD_ARGS)
