"""The one way to find resource files (catalogue JSON, palette, icons, translations).

In an installed wheel the top-level ``resources/`` folder is shipped as ``b24admin/resources``
(see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml). In a checkout or an
editable install it stays beside the package, one level up.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


@cache
def resources_root() -> Traversable:
    """Return the folder that holds the resource files, wherever the package is installed."""
    packaged = files("b24admin").joinpath("resources")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("b24admin resources not found: the installation is incomplete")


def resource(name: str) -> Traversable:
    """Return one resource file by its path relative to the resources folder."""
    node = resources_root()
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def read_json(name: str) -> Any:
    """Parse a JSON resource file."""
    return json.loads(resource(name).read_text(encoding="utf-8"))
