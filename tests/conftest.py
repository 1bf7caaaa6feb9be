"""Shared test set-up: headless Qt, and a private config dir for every test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Before any Qt import: every GUI test runs headless, whatever the developer's session has.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read the English source whatever the developer's locale (a test of another language sets
# its own; subprocesses inherit this).
os.environ["B24ADMIN_LANGUAGE"] = "en"


@pytest.fixture
def language() -> Iterator[Callable[[str], str]]:
    """Switch the catalogue to a language for one test (``language("pseudo")``); English after."""
    from b24admin.core import i18n

    yield i18n.use_language
    i18n.use_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the config dir at a fresh temp folder: no test reads or writes the real one."""
    path = tmp_path / "config"
    path.mkdir()
    monkeypatch.setenv("B24ADMIN_CONFIG_DIR", str(path))
    yield path
