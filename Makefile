# The two commands of the README, and what they need, installed on demand.
#   make site   - set up Python packages, build site/ from content/
#   make test   - set up everything the tests need, run the whole suite
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: site serve test build-tools test-tools check lint golden transcripts screenshots bench clean

site: $(STAMP) build-tools
	$(PY) build.py build
	@echo "预览：make serve，然后打开 http://127.0.0.1:8000/ ；或直接打开 site/index.html"

serve: $(STAMP) build-tools
	$(PY) build.py serve

check: $(STAMP)
	$(PY) build.py check

test: $(STAMP) test-tools
	$(PY) -m pytest

# liblouis, for the braille edition, where missing.
build-tools:
	scripts/install-build-tools.sh

# The build's tools, Chromium, a CJK font, Java, EPUBCheck and the pinned npm packages, where missing.
test-tools:
	scripts/install-test-tools.sh

# After a deliberate change of the output: review the pages, then refresh the
# digests that tests/test_golden.py compares against.
golden: $(STAMP)
	$(PY) -m tests.test_golden

# After a deliberate change of what screen readers announce: review, then refresh.
transcripts: $(STAMP) test-tools
	UPDATE_TRANSCRIPTS=1 $(PY) -m pytest -q tests/browser/test_readers.py -k transcript

# Screenshots of a plan page (标准版, 大字版; 1280 and 360 px) for reviewers, in docs/screenshots/.
screenshots: $(STAMP) test-tools
	$(PY) scripts/screenshots.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf site .site.* $(VENV) node_modules
