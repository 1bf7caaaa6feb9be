"""Shared test set-up: headless Qt, and a private config dir for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: every GUI test runs headless, whatever the developer's session has.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the config dir at a fresh temp folder: no test reads or writes the real one."""
    path = tmp_path / "config"
    path.mkdir()
    monkeypatch.setenv("B24ADMIN_CONFIG_DIR", str(path))
    yield path
