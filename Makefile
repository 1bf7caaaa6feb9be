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
# Headless Qt for the GUI tests, gnome-keyring + dbus-run-session for the keyring tests, and
# the freedesktop validators of the desktop entry and the AppStream metainfo.
TEST_DEBS := gnome-keyring dbus-daemon libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 \
             desktop-file-utils appstream
# PyInstaller on Linux: objdump and strip (binutils), and the libraries Qt's plugins link,
# which the bundle carries along.
BUNDLE_DEBS := binutils $(RUN_DEBS)

.PHONY: run test lint bench screenshots bundle bundle-test icons clean

run: $(STAMP)
	@sh tests/ensure-debs.sh run $(RUN_DEBS)
	$(VENV)/bin/b24admin $(ARGS)

test: $(STAMP)
	@sh tests/ensure-debs.sh test $(TEST_DEBS)
	B24ADMIN_REQUIRE_SECRET_SERVICE=1 sh tests/secret-service-session.sh \
	    $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check b24admin tests docs resources/bundle
	$(VENV)/bin/ruff format --check b24admin tests docs resources/bundle
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) tests/benchmarks/startup.py

screenshots: $(STAMP)
	@sh tests/ensure-debs.sh screenshots xvfb xauth $(RUN_DEBS)
	$(PY) docs/screenshots/take_screenshots.py

# The standalone one-folder bundle, dist/b24admin/ (resources/bundle/b24admin.spec). On Windows
# and macOS, without make: python -m PyInstaller --noconfirm resources/bundle/b24admin.spec
VERSION    := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' b24admin/__init__.py)
BUNDLE_TAR := b24admin-$(VERSION)-$(shell uname -s | tr A-Z a-z)-$(shell uname -m).tar.gz
bundle: $(STAMP)
	@sh tests/ensure-debs.sh bundle $(BUNDLE_DEBS)
	$(PY) -m PyInstaller --noconfirm --log-level=WARN --distpath dist --workpath build/bundle \
	    resources/bundle/b24admin.spec
	tar -C dist -czf dist/$(BUNDLE_TAR) b24admin
	@echo "Built dist/b24admin/ ($$(du -sh dist/b24admin | cut -f1)): run dist/b24admin/b24admin;"
	@echo "to hand it on: dist/$(BUNDLE_TAR) ($$(du -sh dist/$(BUNDLE_TAR) | cut -f1))"

# Builds the bundle in a temporary folder and starts it headless, with a real keyring.
bundle-test: $(STAMP)
	@sh tests/ensure-debs.sh bundle-test $(BUNDLE_DEBS) $(TEST_DEBS)
	B24ADMIN_BUNDLE_TEST=1 B24ADMIN_REQUIRE_SECRET_SERVICE=1 sh tests/secret-service-session.sh \
	    $(PY) -m pytest -p no:cacheprovider -s tests/bundle $(PYTEST_ARGS)

# Re-render the icon's PNGs after editing resources/icons/b24admin.svg.
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m b24admin.gui.icon_render

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
