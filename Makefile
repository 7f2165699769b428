# Portafolio de impacto — every task the owner runs.
#   make serve       build both languages and serve them on http://127.0.0.1:8000
#   make livehtml    live preview: rebuilds and reloads the browser on save (LANG=en: the English site)
#   make check       the fast check before a commit: strict builds, data, catalogs, links, figures
#   make publish-check   fails unless _data/owner.toml is ready to go out (a name, a contact, no example value)
#   make test        run every test (installs what the tests need on first use)
#   make new-area SLUG=x [TITLE="..."] [PRINCIPLES="a b"]   scaffold an impact area and its case study
#   make remove-area SLUG=x                               take an area out everywhere
#   make lock        regenerate requirements*.lock (every pin with its hashes) from requirements*.txt
#   make bench       build-speed and search benchmark (prints a table)
#   make pdf         the PDF portfolio of every language (_build/pdf/<lang>/portafolio.pdf)
#   make audit       Lighthouse on every page of every language (reports in _build/audit/)
#   make translate   regenerate .pot templates and update the .po catalogs (LANG=xx adds a language)
#   make i18n-stats  translation progress per catalog
#   make move-page FROM=casos/x TO=casos/y   rename or move a page with its translations

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
BUILDDIR := _build
PORT ?= 8000
# Asked of the project once the environment exists (recipes only).
LANGUAGES = $(shell $(PY) -m portfolio_tools.languages)
TRANSLATIONS = $(wordlist 2,99,$(LANGUAGES))
# LANG is also the locale variable of every shell: only a LANG given on the
# command line (make translate LANG=fr) names a language.
ifeq ($(origin LANG),command line)
# Not passed on to the tools as their locale (Sphinx would reject "en" as one).
unexport LANG
TRANSLATIONS = $(LANG)
LIVE_LANG = $(LANG)
else
LIVE_LANG = $(shell $(PY) -m portfolio_tools.languages --source)
endif

.PHONY: lock venv html serve livehtml check publish-check test audit translate i18n-stats move-page new-area remove-area pdf bench clean

# Every package is checked against its hash in the lock (a re-published or tampered file stops here);
# then the project itself (pyproject.toml), editable, with nothing more to download.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements-dev.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock || { \
	  echo "Installing the pinned packages failed: if pip says THESE PACKAGES DO NOT MATCH THE HASHES," \
	       "a package differs from the one locked in requirements-dev.lock; do not install it." >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The locks, from requirements.txt (the build) and requirements-dev.txt (tests and tools).
lock: venv
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links \
	  -o requirements.lock requirements.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links \
	  -o requirements-dev.lock requirements.txt requirements-dev.txt

html: venv
	bash tools/install-system-tools.sh build
	$(PY) -m portfolio.build --out $(BUILDDIR)/html

serve: html
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(PY) -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

# Warnings are shown, not fatal, so the preview keeps up while a page is half-written;
# the output folder, the environment and compiled catalogs are not sources. Sphinx runs
# the same stages as in `make html` (PDFs, trimming, search index, CSP: the extension's).
livehtml: venv
	bash tools/install-system-tools.sh build
	$(PY) -m sphinx_autobuild . $(BUILDDIR)/live/$(LIVE_LANG) -D language=$(subst -,_,$(LIVE_LANG)) -n -q \
	  -d $(BUILDDIR)/live/doctrees-$(LIVE_LANG) --host 127.0.0.1 --port $(PORT) \
	  -D portfolio_live_reload=127.0.0.1:$(PORT) \
	  --re-ignore '(^|/)(_build|\.venv|node_modules|\.git|\.pytest_cache|__pycache__)(/|$$)' \
	  --re-ignore '\.(mo|pyc)$$'

# One process: the site is built once (two workers would each build it). The data check
# first: it also lists, as notices, the owner's fields still empty.
check: venv
	$(PY) -m portfolio_tools.check_data
	$(PY) -m pytest -p no:xdist -m "not slow" -q

# Before a deploy (GitHub Pages workflow, Read the Docs): never an anonymous site, one with
# no way to get in touch, or one that publishes an example's value.
publish-check: venv
	$(PY) -m portfolio_tools.check_data --publish

new-area: venv
	$(PY) -m portfolio_tools.area new $(SLUG) $(if $(TITLE),--title "$(TITLE)") $(if $(PRINCIPLES),--principles $(PRINCIPLES))

remove-area: venv
	$(PY) -m portfolio_tools.area remove $(SLUG)

pdf: venv
	bash tools/install-system-tools.sh build
	for lang in $(LANGUAGES); do $(PY) -m portfolio.pdf --lang $$lang || exit 1; done

bench: venv
	$(PY) -m portfolio_tools.bench

test: venv
	bash tools/install-system-tools.sh
	$(PY) -m pytest -n 2 --dist worksteal

audit: html
	bash tools/install-system-tools.sh
	$(PY) -m portfolio_tools.audit --site $(BUILDDIR)/html --out $(BUILDDIR)/audit

translate: venv
	$(PY) -m portfolio_tools.catalogs update --lang $(TRANSLATIONS)

move-page: venv
	$(PY) -m portfolio_tools.catalogs move $(FROM) $(TO)

i18n-stats: venv
	$(PY) -m portfolio_tools.catalogs stats

clean:
	rm -rf $(BUILDDIR)
