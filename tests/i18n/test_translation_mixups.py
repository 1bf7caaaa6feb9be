"""A translation that landed on the wrong source text (a fuzzy match accepted, two entries
swapped) shows as one translation shared by two unrelated source texts: "адрес портала" for both
"the portal URL" and "remove the broken entry N …". Texts that mean the same ("Refreshing…" and
"Updating…") may share one."""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher

import pytest

from b24admin import i18n_tools
from b24admin.core import i18n

# Different English, one meaning in that language (checked by hand).
SAME_MEANING = {
    frozenset({"Refreshing…", "Updating…"}),
    frozenset({"Remove", "Unbind"}),
    frozenset({"portal address", "the portal URL"}),
}


def mixups(entries: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(translation, its source texts) where the source texts are not alike."""
    sources: dict[str, list[str]] = defaultdict(list)
    for source, translation in entries:
        sources[translation].append(source)
    found = []
    for translation, texts in sources.items():
        if len(texts) < 2 or frozenset(texts) in SAME_MEANING:
            continue
        first = texts[0].lower()
        if any(SequenceMatcher(None, first, other.lower()).ratio() < 0.6 for other in texts[1:]):
            found.append((translation, texts))
    return found


# Codes a translation keeps as Bitrix24 writes them: ERROR_CODES and PLACEMENT_CODES, method
# names (placement.bind), command-line options (--auth). One missing means a changed code or a
# translation that belongs to another text.
CODE = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[a-z]{2,}\.[a-z]{2,}(?:\.[a-z]+)*\b|--[a-z-]+")


def lost_codes(entries: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(source text, the codes its translation lacks)."""
    found = []
    for source, translation in entries:
        lost = sorted(code for code in set(CODE.findall(source)) if code not in translation)
        if lost:
            found.append((source, lost))
    return found


def _entries(code: str) -> list[tuple[str, str]]:
    path = i18n.locale_dir() / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    pairs = []
    for message in i18n_tools.read_po(path, code):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string if isinstance(message.string, str) else message.string[0]
        pairs.append((source, string))
    return pairs


@pytest.mark.parametrize("code", i18n_tools.languages())
def test_no_translation_stands_for_two_unrelated_texts(code: str) -> None:
    assert mixups(_entries(code)) == []


@pytest.mark.parametrize("code", i18n_tools.languages())
def test_every_translation_keeps_the_codes_of_its_source(code: str) -> None:
    assert lost_codes(_entries(code)) == []


def test_the_code_check_finds_a_lost_code() -> None:
    entries = [
        ("Bitrix24 answers WRONG_AUTH_TYPE to placement.bind.", "Bitrix24 отвечает ошибкой."),
        ("Use --auth oauth.", "Используйте --auth oauth."),
    ]
    assert lost_codes(entries) == [
        (
            "Bitrix24 answers WRONG_AUTH_TYPE to placement.bind.",
            ["WRONG_AUTH_TYPE", "placement.bind"],
        )
    ]


def test_the_check_finds_a_swapped_translation() -> None:
    entries = [
        ("the portal URL", "адрес портала"),
        ("remove the broken entry N of “b24admin profile list”", "адрес портала"),
        ("Webhook URL", "URL вебхука"),
        ("webhook URL", "URL вебхука"),
    ]
    assert mixups(entries) == [
        (
            "адрес портала",
            ["the portal URL", "remove the broken entry N of “b24admin profile list”"],
        )
    ]
