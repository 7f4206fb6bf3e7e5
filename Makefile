# The two commands of the README (make run, make test) and what they stand on.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000
FLASK := $(BIN)/flask --app matchmaker
PO_FILES := $(wildcard matchmaker/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: install run worker test lint translations extract-messages bench clean

install: $(STAMP) $(MO_FILES)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[postgres,redis,server,test]'
	@touch $(STAMP)

# Compiled catalogues are build products: made from the .po files, never committed.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

translations: $(MO_FILES)

extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o matchmaker/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i matchmaker/translations/messages.pot -d matchmaker/translations --no-fuzzy-matching

# The UN's SDG texts and the Aurora queries live outside the repository: `make run SDG_DATA=path/to/sdg` loads them
# (the goals' statements and targets on their pages, and what the suggester reads; the folder is described in the
# README). A checkout beside the centre's shared data folder finds it by itself.
SDG_DATA ?= $(wildcard ../shared/data/sdg)

run: install
	$(FLASK) db upgrade
	$(if $(SDG_DATA),$(FLASK) load-sdgs --data "$(SDG_DATA)")
	$(FLASK) seed-demo
	@echo "matchmaker is on http://127.0.0.1:$(PORT) (Ctrl+C stops it)"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# The background jobs (matching refreshes and recomputation, e-mail delivery) when REDIS_URL is set; without it,
# each job runs inline, in its own transaction, once the transaction that asked for it has committed.
worker: install
	$(BIN)/flask --app matchmaker run-schedule
	$(BIN)/rq worker matchmaker --with-scheduler --url $$REDIS_URL

# The suite runs in TEST_WORKERS processes (pytest-xdist; an idle one takes tests queued for a busy one), each on
# databases of its own. PYTEST_ARGS comes last, so `make test PYTEST_ARGS=-n0` runs it serially, in this process.
TEST_WORKERS ?= 2

test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check matchmaker tests benchmarks config.py

bench: install
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.people $(PEOPLE_ARGS)
	$(BIN)/python -m benchmarks.meaning $(MEANING_ARGS)
	$(BIN)/python -m benchmarks.sdgs $(SDG_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache
