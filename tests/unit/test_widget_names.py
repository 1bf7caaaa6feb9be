"""One naming convention for the window's attributes: what Python code reaches is snake_case
(``form.handler_edit``); the camelCase objectName (``handlerEdit``) is what tests and style sheets
find. Qt's own signals stay camelCase, as Qt names them (``bindRequested``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "b24admin" / "gui"
CAMEL = re.compile(r"^_*[a-z]+[A-Z]")


def _camel_attributes(path: Path) -> list[str]:
    """``self.someWidget = ...`` (or annotated) assignments in one module, as "line: name"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign):
            targets, line = list(node.targets), node.lineno
        elif isinstance(node, ast.AnnAssign):
            targets, line = [node.target], node.lineno
        else:
            continue
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                and CAMEL.match(target.attr)
            ):
                found.append(f"{line}: {target.attr}")
    return found


def test_the_window_names_its_attributes_in_snake_case() -> None:
    offenders = {
        str(path.relative_to(GUI)): names
        for path in sorted(GUI.rglob("*.py"))
        if (names := _camel_attributes(path))
    }
    assert offenders == {}


def test_the_check_sees_a_camel_case_attribute(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text("class A:\n    def __init__(self):\n        self.okButton = 1\n")
    assert _camel_attributes(module) == ["3: okButton"]
