"""Every citation is one a reader outside the project can follow: the fact in words and the
public Bitrix24 docs page, or the project's own docs/bitrix24-notes.md. Section numbers of a
private reference, its file name, paths outside the repository and tracker items are not."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Written in pieces so this file does not match itself.
DEAD = re.compile(
    "|".join(
        (
            "\u00a7" + r"\s*\d",
            "headline" + r"\s+fact",
            r"/work/" + "shared",
            r"\.\./" + "shared",
            "bitrix24-" + "placements\\.md",
            r"\bissue\s+#?\d+\s+item",
        )
    ),
    re.IGNORECASE,
)


def _sources() -> list[Path]:
    patterns = ("b24admin/**/*.py", "tests/**/*.py", "docs/**/*.md", "resources/*.json", "*.md")
    return sorted({path for pattern in patterns for path in ROOT.glob(pattern)})


def dead_citations(text: str) -> list[str]:
    return [match.group(0) for match in DEAD.finditer(text)]


def test_no_source_cites_what_a_reader_cannot_follow() -> None:
    found = {
        str(path.relative_to(ROOT)): dead
        for path in _sources()
        if (dead := dead_citations(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_knows_a_dead_citation_when_it_sees_one() -> None:
    sample = "see " + "\u00a7" + "3.3 and issue " + "8 item 4"
    assert len(dead_citations(sample)) == 2
    assert dead_citations("see api-reference/widgets/placement-bind.md") == []
