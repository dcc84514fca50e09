# Two entry points: `make reproduce` (validate, check the build, run and score every baseline, regenerate
# the leaderboard and docs, and fail if any committed output changes)
# and `make test` (ruff, mypy, then the test suite). Both create .venv and install the project with its extras on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# cffconvert (tests/test_citation.py) pins jsonschema<4, which cannot live beside ours: it gets its own venv.
CFFCONVERT_VENV := $(VENV)/cffconvert
CFFCONVERT_VERSION := 2.0.0
export HF_DATASETS_OFFLINE := 1
export HF_HUB_OFFLINE := 1

.PHONY: install test reproduce clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,baselines,llm]'
	touch $(STAMP)

$(CFFCONVERT_VENV)/bin/cffconvert:
	$(PYTHON) -m venv $(CFFCONVERT_VENV)
	$(CFFCONVERT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check 'cffconvert==$(CFFCONVERT_VERSION)'

install: $(STAMP) $(CFFCONVERT_VENV)/bin/cffconvert

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

reproduce: install
	$(BIN)/kiwi-bench reproduce

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
