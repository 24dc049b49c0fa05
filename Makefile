# The two commands of the README: `make serve` and `make test`. Everything else is a helper.
VENV := .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: serve test install lint bench score score-plans

$(STAMP): pyproject.toml package-lock.json
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund --silent
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/danvan serve

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	$(VENV)/bin/python bench/extraction.py

# Scores the reader on the five seeds with the project's scorer (../shared/extraction/score.py).
score: $(STAMP)
	rm -rf var/score && mkdir -p var/score
	$(VENV)/bin/danvan extract ../shared/seeds/*.txt --out var/score
	$(PYTHON) ../shared/extraction/score.py ../shared/extraction/gold var/score

# Scores the reader on the plans in other provinces' shapes kept with its tests (answers made by hand).
score-plans: $(STAMP)
	rm -rf var/score-plans && mkdir -p var/score-plans
	$(VENV)/bin/danvan extract danvan/reader/tests/plans/*.txt --out var/score-plans
	$(PYTHON) ../shared/extraction/score.py danvan/reader/tests/plans var/score-plans
