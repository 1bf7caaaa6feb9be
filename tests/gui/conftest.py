"""GUI test set-up shared by every test in tests/gui."""

from __future__ import annotations

import pytest

# The offscreen platform plugin (QT_QPA_PLATFORM=offscreen) logs this warning whenever a shown
# top-level window updates its size constraints (every QMessageBox and resizable dialog does).
# It says nothing about our code; any other Qt warning still fails a test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
