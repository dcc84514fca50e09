# Two entry points: `make reproduce` (validate, check the build, run and score every baseline, regenerate
# the leaderboard and docs, and fail if any committed output changes)
# and `make test` (ruff, mypy, then the test suite). Both create .venv and install the project with its extras on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HF_DATASETS_OFFLINE := 1
export HF_HUB_OFFLINE := 1

.PHONY: install test reproduce clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,baselines,llm]'
	touch $(STAMP)

install: $(STAMP)

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

reproduce: install
	$(BIN)/kiwi-bench reproduce

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
