"""Error texts live in the error catalogue: these modules build every B24Error through
``B24Error.explained`` (or take one from core), never from a sentence of their own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "b24admin"
MODULES = [
    "cli.py",
    "cli_context.py",
    "gui/profile/oauth_panel.py",
    "gui/manage/edit_session.py",
    "core/profiles.py",
    "core/profiles_file.py",
    "core/profile_service.py",
    "core/secrets.py",
    "core/locks.py",
    "core/oauth.py",
    "core/manifest.py",
]


def _inline_errors(path: Path) -> list[int]:
    """Lines where a B24Error is made from its own words: ``B24Error(...)`` or
    ``B24Error.invalid_input(...)``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "B24Error":
            lines.append(node.lineno)
        elif isinstance(func, ast.Attribute) and func.attr == "invalid_input":
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("module", MODULES)
def test_no_inline_error_sentences(module: str) -> None:
    assert _inline_errors(PACKAGE / module) == []


def test_the_check_finds_an_inline_error(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'B24Error(code="X", summary="Words.")\nB24Error.invalid_input("Y", "More words.")\n'
        'B24Error.explained("Z")\n',
        encoding="utf-8",
    )
    assert _inline_errors(sample) == [1, 2]
