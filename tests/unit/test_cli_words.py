"""The command line speaks through the catalogue: no sentence reaches ``ctx.out``/``ctx.err`` as
a bare string or an f-string with words in it, so every message can be translated (the window's
texts are checked by the pseudo-language walk; these lines are not on any window)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "b24admin"
MODULES = [
    "cli.py",
    "cli_context.py",
    "cli_sync.py",
    "cli_try.py",
    "desktop_entry.py",
    "sandbox/__main__.py",
    "sandbox/standalone.py",
]
WORD = re.compile(r"[A-Za-z]{2,}")


def _literal_words(node: ast.expr) -> bool:
    """A str constant or f-string whose own text (not its placeholders) has a word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_literal_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) or _literal_words(node.right)
    return False


def untranslated_lines(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        printing = (isinstance(func, ast.Attribute) and func.attr in ("out", "err")) or (
            isinstance(func, ast.Name) and func.id == "print"
        )
        if printing and _literal_words(node.args[0]):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("module", MODULES)
def test_every_cli_message_goes_through_the_catalogue(module: str) -> None:
    assert untranslated_lines((PACKAGE / module).read_text(encoding="utf-8")) == []


def test_the_check_sees_an_english_sentence_and_lets_data_through() -> None:
    source = (
        'ctx.out("Bound.")\n'
        'ctx.err(f"Bound {x} to {y}.")\n'
        'ctx.out("    options: " + dump)\n'
        'ctx.out(_("Bound."))\n'
        'ctx.out(f"{name}\\t{url}")\n'
    )
    assert untranslated_lines(source) == [1, 2, 3]
