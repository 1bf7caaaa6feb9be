# The two commands of the README. Each does all of its own set-up on a fresh machine:
#   make run    the desktop app (a newcomer with no portal is offered the local sandbox portal)
#   make test   the whole test suite, with a real Secret Service on a private D-Bus session
# As root with apt-get, missing Debian packages are installed; otherwise they are named.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

# Qt's xcb platform plugin and its libraries, for a real window.
RUN_DEBS  := libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
             libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xkb1 libegl1 libgl1 \
             libfontconfig1 libdbus-1-3 libglib2.0-0
# Headless Qt for the GUI tests, and gnome-keyring + dbus-run-session for the keyring tests.
TEST_DEBS := gnome-keyring dbus-daemon libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0

.PHONY: run test lint bench screenshots clean

run: $(STAMP)
	@sh tests/ensure-debs.sh run $(RUN_DEBS)
	$(VENV)/bin/b24admin $(ARGS)

test: $(STAMP)
	@sh tests/ensure-debs.sh test $(TEST_DEBS)
	B24ADMIN_REQUIRE_SECRET_SERVICE=1 sh tests/secret-service-session.sh \
	    $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check b24admin tests docs
	$(VENV)/bin/ruff format --check b24admin tests docs
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) tests/benchmarks/startup.py

screenshots: $(STAMP)
	@sh tests/ensure-debs.sh screenshots xvfb xauth $(RUN_DEBS)
	$(PY) docs/screenshots/take_screenshots.py

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
