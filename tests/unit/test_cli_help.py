"""The command line's --help answers the questions an administrator has at the terminal: what
each option is, with an example, in their language, wrapped without breaking codes apart."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from b24admin.core import i18n


def _parsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield parser.prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _parsers(child)


def test_every_option_of_every_command_says_what_it_is() -> None:
    from b24admin.cli import build_parser

    silent = [
        f"{prog} {action.option_strings[0] if action.option_strings else action.dest}"
        for prog, parser in _parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert silent == []


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from b24admin.cli import main

    assert main(argv) == 0
    return capsys.readouterr().out


def test_a_narrow_terminal_wraps_help_at_spaces_and_keeps_codes_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "52")
    out = _help(["bind", "--help"], capsys)
    assert "iconName=fa-rocket" in out
    assert "local.65a1b2c3d4e5f6.12345678" in _help(["profile", "add", "--help"], capsys)
    after_usage = out.split("\n\n", 1)[1]
    prose = [line for line in after_usage.splitlines() if not line.startswith(("  b24", "      -"))]
    assert max(len(line) for line in prose) <= 52  # the example command lines stay as written


@pytest.mark.parametrize(
    ("argv", "example", "note"),
    [
        (["bind", "--help"], "b24admin bind --profile prod --from widget.json", "Eine zweite"),
        (["profile", "add", "--help"], "b24admin profile add hook --auth webhook", "Geheimnisse"),
    ],
)
def test_bind_and_profile_add_end_with_examples_and_a_note_in_the_chosen_language(
    argv: list[str],
    example: str,
    note: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("B24ADMIN_LANGUAGE", "de")
    try:
        out = _help(argv, capsys)
    finally:
        i18n.use_language("en")
    assert "Beispiele:\n" in out
    assert f"\n  {example}\n" in out  # command lines stay as written, in every language
    assert f"\n{note} " in out
    assert "Examples:" not in out
