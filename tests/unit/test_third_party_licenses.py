"""The bundle's THIRD-PARTY-LICENSES.txt names every runtime dependency with its licence text
(resources/bundle/third_party_licenses.py, run by the PyInstaller spec)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

MODULE = Path(__file__).resolve().parents[2] / "resources" / "bundle" / "third_party_licenses.py"


@pytest.fixture(scope="module")
def licences() -> ModuleType:
    spec = importlib.util.spec_from_file_location("third_party_licenses", MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_runtime_dependencies_are_found_and_the_test_tools_are_not(
    licences: ModuleType,
) -> None:
    names = {dist.metadata["Name"].lower() for dist in licences.runtime_distributions()}
    # What pyproject.toml asks for, and what those ask for in turn.
    assert {"pyside6_essentials", "shiboken6", "requests", "keyring", "urllib3"} <= names
    assert not names & {"pytest", "pytest-qt", "babel", "hypothesis", "pyinstaller", "b24admin"}


def test_every_component_has_a_licence_text_and_qt_has_the_lgpl(licences: ModuleType) -> None:
    notice = licences.notice_text()
    sections = notice.split(licences.RULE)[1:]
    assert len(sections) == len(licences.runtime_distributions()) + 1  # + the interpreter
    for section in sections:
        title = section.strip().splitlines()[0]
        assert "\n--- " in section, f"{title} has no licence text"
    qt = next(section for section in sections if section.strip().startswith("PySide6"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt and "Version 3" in qt
    assert "source code" in qt.lower()
