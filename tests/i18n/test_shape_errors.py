"""A value of the wrong kind, in a portal's answer or in a file a person wrote, is explained
wholly in the chosen language: the sentence, what was expected and what came instead ("a list",
"null"), with only codes, names of places and the file's name left as they are. Nothing that
b24admin found itself is labelled as the server's words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from b24admin.core import i18n
from b24admin.core.answer_shapes import bindings_from
from b24admin.core.binding_file import load_bind_file
from b24admin.core.errors import B24Error
from b24admin.sandbox import Fault, SandboxPortal
from tests.integration.cli_support import Cli, demo_app_secrets


@pytest.fixture
def russian(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI chooses its language as it starts: from B24ADMIN_LANGUAGE, here Russian."""
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "ru")
    yield
    i18n.use_language(i18n.SOURCE_LANGUAGE)


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z0-9_]+", text))


def test_a_bad_file_is_explained_in_russian_with_no_english_word(
    russian: None, config_dir: Path, tmp_path: Path
) -> None:
    widget = tmp_path / "widget.json"
    widget.write_text(
        '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example.com/", "TITLE": null}',
        encoding="utf-8",
    )
    cli = Cli(config_dir)
    assert cli("bind", "--profile", "work", "--dry-run", "--from", str(widget)) == 2
    assert "текст, а не null (пустое значение)" in cli.stderr
    codes = {"BAD_FILE", "TITLE", "null", "docs", "manifest", "md"} | _latin_words(str(widget))
    assert _latin_words(cli.stderr) - codes == set(), cli.stderr


def test_an_answer_of_the_wrong_kind_is_explained_in_russian_with_no_english_word(
    russian: None, config_dir: Path, sandbox: SandboxPortal
) -> None:
    cli = Cli(config_dir)
    i18n.use_language(i18n.SOURCE_LANGUAGE)
    cli.add_profile("sbx", sandbox, demo_app_secrets(sandbox))
    answer = [{"placement": "LEFT_MENU", "handler": "https://a.example.com/", "langAll": [1]}]
    sandbox.inject(Fault.raw(json.dumps({"result": answer}).encode()), method="placement.get")
    assert cli("list", "--profile", "sbx") == 3
    assert "result[0].langAll" in cli.stderr and "список" in cli.stderr
    codes = {"MALFORMED_RESPONSE", "placement", "get", "result", "langAll", "b24admin"}
    assert _latin_words(cli.stderr) - codes == set(), cli.stderr


def test_a_wrong_kind_in_an_answer_keeps_the_value_as_the_portal_sent_it() -> None:
    with pytest.raises(B24Error) as info:
        bindings_from([{"placement": "LEFT_MENU", "handler": ["https://a.example.com/"]}])
    error = info.value
    assert error.description == ""  # the portal said no words: not "Server says: list ..."
    assert error.response == '["https://a.example.com/"]'


def test_a_wrong_kind_in_a_file_is_not_labelled_as_the_servers_words(tmp_path: Path) -> None:
    widget = tmp_path / "widget.json"
    widget.write_text('{"PLACEMENT": "LEFT_MENU", "OPTIONS": ["x"]}', encoding="utf-8")
    with pytest.raises(B24Error) as info:
        load_bind_file(widget)
    assert info.value.description == "" and "Server says" not in info.value.details()
    assert "OPTIONS: an object of option names and values, not a list" in info.value.summary


def test_an_unexpected_failure_and_the_details_read_in_german(
    language: Callable[[str], str],
) -> None:
    language("de")
    error = B24Error.unexpected(ValueError("kaputt"))
    assert error.summary == "In b24admin ist etwas Unerwartetes schiefgegangen."
    assert error.description == ""  # a bug of b24admin is not the server's words
    details = error.details()
    assert details.startswith("Fehlercode: UNEXPECTED_ERROR\n")
    assert "\nAntwort:\n" in details and "ValueError: kaputt" in details
    assert "Server" not in details
