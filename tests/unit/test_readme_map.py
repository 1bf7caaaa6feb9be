"""The README's "Where things are" stays true: every file and folder it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Where things are")
    end = text.find("\n## ", start + 1)  # the next section, if any
    return text[start:] if end < 0 else text[start:end]


def test_every_path_in_the_map_exists() -> None:
    block = _section().split("```")[1]
    named: list[Path] = []
    for line in block.splitlines():
        if not line.strip():
            continue
        top = line.startswith(" ") is False
        word = line.split()[0]
        if word.endswith((".py", "/")) and (top or line.startswith("  ")):
            # Indented entries live in the package above them (b24admin/gui/).
            named.append(ROOT / word if top else ROOT / "b24admin" / "gui" / word)
    assert len(named) >= 10
    missing = [str(p.relative_to(ROOT)) for p in named if not p.exists()]
    assert missing == []


def test_every_file_on_the_path_of_one_bind_exists() -> None:
    paragraph = _section().split("**The path of one bind.**")[1]
    files = re.findall(r"`((?:core|gui)/[\w/]+\.py)`", paragraph)
    assert len(files) >= 15
    missing = [f for f in files if not (ROOT / "b24admin" / f).is_file()]
    assert missing == []
