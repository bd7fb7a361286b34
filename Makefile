# Every target sets .venv up itself: `make lab` on a fresh machine is the whole install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-installed whenever pyproject.toml changes, so a `git pull` never leaves a stale environment.
STAMP := $(VENV)/.installed-stamp
NOTEBOOKS := $(wildcard notebooks/*.ipynb)

.PHONY: install lab check test browser-test lint bench notebooks goldens numpy-floor clean

# A .venv without pip (the first `python3 -m venv` on a system lacking python3-venv leaves one
# behind) is made again, not kept failing on every `make`.
$(STAMP): pyproject.toml
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

# Only the set-up, for a terminal or a remote machine (then `.venv/bin/course lab --no-browser`).
install: $(STAMP)

lab: $(STAMP)
	$(BIN)/course lab

# Checks every exercise; one exercise: `.venv/bin/course check ex01` (`course check ex01` in a
# JupyterLab terminal, where the environment's bin/ is first on PATH).
# Exit code 1 ("some checks failed") is what the report already says, not an error of make's:
# a learner's first `make check` (every stub not attempted) should not end in "Error 1".
check: $(STAMP)
	$(BIN)/course check || [ $$? -eq 1 ]

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests/ --doctest-modules minigrad $(if $(NOTEBOOKS),--nbval notebooks/)

# The lessons in headless Chromium, served as `make lab` serves them (tests/browser/check_lessons.py).
# Needs Debian's chromium and chromium-driver; not part of `make test`.
BROWSER_STAMP := $(VENV)/.browser-stamp
$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,browser]"
	@touch $@

browser-test: $(BROWSER_STAMP)
	$(BIN)/python tests/browser/check_lessons.py

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python -m benchmarks

notebooks: $(STAMP)
	$(if $(NOTEBOOKS),$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS))
	# One output per cell and stream: how the kernel splits a cell's prints depends on timing.
	$(if $(NOTEBOOKS),$(BIN)/jupyter nbconvert --coalesce-streams --inplace $(NOTEBOOKS))

# minigrad's tests on the oldest NumPy pyproject.toml allows (its own venv: .venv keeps the newest).
FLOOR_VENV := .venv-numpy-floor
NUMPY_FLOOR = $(shell sed -n 's/.*"numpy>=\([0-9.]*\)".*/\1/p' pyproject.toml)
numpy-floor:
	@test -x $(FLOOR_VENV)/bin/python || $(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/python -m pip install --quiet "numpy==$(NUMPY_FLOOR)" pytest hypothesis
	$(FLOOR_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(FLOOR_VENV)/bin/python -c 'import minigrad, numpy; print("minigrad imports on numpy", numpy.__version__)'
	$(FLOOR_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_golden.py \
		tests/test_properties.py tests/test_autograd_engine.py tests/test_printing.py tests/test_dims.py \
		tests/test_nn_layers.py tests/test_nn_losses.py tests/test_nn_module.py tests/test_optim.py

# Re-record PyTorch's behaviour with TORCH_PYTHON, a Python with PyTorch 2.13.0 (CPU build),
# numpy and graphviz (the lessons' drawings of PyTorch's graphs): how to make one is in docs/minigrad.md ("Parity with PyTorch: golden files").
TORCH_PYTHON ?= python3
goldens:
	$(TORCH_PYTHON) tests/golden/record.py
	$(TORCH_PYTHON) tests/golden/record_printing.py
	$(TORCH_PYTHON) tests/golden/record_lessons.py

clean:
	rm -rf $(VENV) $(FLOOR_VENV) .pytest_cache .ruff_cache .hypothesis
