# Two commands get you going: `make serve` and `make test`.
# Everything runs in .venv, created on first use from the pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate bench lighthouse clean translations

serve: $(VENV)/.site ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: $(VENV)/.site ## Strict build into site/ (replaced only when the build succeeds)
	rm -rf .site-new && $(BIN)/mkdocs build --strict --site-dir .site-new || { rm -rf .site-new; exit 1; }
	rm -rf .site-old && { [ ! -d site ] || mv site .site-old; } && mv .site-new site && rm -rf .site-old

validate: $(VENV)/.site ## Check challenge files (all, or FILES="challenges/a.yml ...")
	$(BIN)/govtech-validate $(FILES)

test: $(VENV)/.test node_modules/.installed ## Run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

translations: $(VENV)/.site ## Texts changed in one language but not the others (from git history; warnings only)
	$(BIN)/govtech-translations

bench: $(VENV)/.test ## Benchmarks (not part of `make test`)
	$(BIN)/python benchmarks/run.py

lighthouse: $(VENV)/.test ## Lighthouse scores of 9 pages (needs Node.js, npm, Chromium; not part of `make test`)
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf site .site-new .site-old docs/challenges docs/agencies/reference .pytest_cache

$(VENV)/.site: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PIP_INSTALL) -e '.[test]'
	touch $@

# Browser-side test tools (axe-core, the Nu HTML Checker), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
