"""core/i18n: which language is chosen, plural forms from the catalogue, the pseudo-language,
and the words of argparse, errors and the CLI in the chosen language."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from b24admin.core import i18n
from b24admin.core.error_catalogue import explain

SHIPPED = ("en", "de", "es", "pl", "pt_BR", "ru")


@pytest.mark.parametrize(
    ("environ", "saved", "system", "expected"),
    [
        ({"B24ADMIN_LANGUAGE": "de", "LANG": "ru_RU.UTF-8"}, "pl", [], "de"),
        ({"B24ADMIN_LANGUAGE": "pseudo"}, None, [], "pseudo"),
        ({"B24ADMIN_LANGUAGE": "xx"}, "pl", [], "en"),  # an override that is not shipped
        ({"LANG": "ru_RU.UTF-8"}, "pl", [], "pl"),  # View → Language beats the desktop
        ({"LANGUAGE": "fr:de", "LANG": "ru_RU.UTF-8"}, None, [], "de"),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "ru_RU.UTF-8"}, None, [], "es"),
        ({"LC_MESSAGES": "pl_PL", "LANG": "ru_RU"}, None, [], "pl"),
        ({"LANG": "pt_BR.UTF-8"}, None, [], "pt_BR"),
        ({"LANG": "pt_PT.UTF-8"}, None, [], "pt_BR"),  # the one Portuguese shipped
        ({"LANG": "C.UTF-8"}, None, ["de-DE"], "en"),  # LANG set: gettext stops there
        ({"LANG": "fr_FR.UTF-8"}, None, ["de-DE"], "en"),
        ({}, None, ["fr-FR", "ru-RU"], "ru"),  # the OS setting (Qt's uiLanguages)
        ({}, None, [], "en"),
    ],
)
def test_language_is_chosen_in_the_documented_order(
    environ: dict[str, str], saved: str | None, system: list[str], expected: str
) -> None:
    assert i18n.choose_language(environ, saved=saved, system=system, available=SHIPPED) == expected


def test_every_language_of_the_issue_is_shipped() -> None:
    assert set(SHIPPED) <= set(i18n.shipped_languages())
    assert i18n.shipped_languages()[0] == "en"


def test_the_view_language_choice_is_saved_and_forgotten(config_dir: Path) -> None:
    assert i18n.saved_language() is None
    i18n.save_language("pt_BR")
    assert i18n.saved_language() == "pt_BR"
    assert i18n.setup({}) == "pt_BR"
    i18n.save_language(None)
    assert i18n.saved_language() is None
    i18n.use_language("en")


def _compiled_russian(folder: Path) -> None:
    catalog = Catalog(locale="ru", domain="b24admin")
    catalog.add(
        ("{count} widget", "{count} widgets"),
        ("{count} виджет", "{count} виджета", "{count} виджетов"),
    )
    target = folder / "ru" / "LC_MESSAGES" / "b24admin.mo"
    target.parent.mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    target.write_bytes(buffer.getvalue())


def test_russian_has_three_plural_forms_from_its_catalogue_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: Callable[[str], str]
) -> None:
    _compiled_russian(tmp_path)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    assert language("ru") == "ru"
    forms = {
        n: i18n.ngettext("{count} widget", "{count} widgets", n).format(count=n)
        for n in (1, 3, 5, 21, 22, 11)
    }
    assert forms == {
        1: "1 виджет",
        3: "3 виджета",
        5: "5 виджетов",
        21: "21 виджет",
        22: "22 виджета",
        11: "11 виджетов",
    }


def test_an_unshipped_language_falls_back_to_english(language: Callable[[str], str]) -> None:
    assert language("xx") == "en"
    assert i18n._("Error: {summary}") == "Error: {summary}"


def test_pseudo_brackets_lengthens_and_keeps_placeholders() -> None:
    text = "Bound {placement} for %(prog)s: &Save\nnow"
    shown = i18n.pseudo(text)
    assert shown.startswith("[") and shown.endswith("]") and len(shown) > len(text) * 1.2
    assert "{placement}" in shown and "%(prog)s" in shown and "&Š" in shown and "\n" in shown
    assert shown.format(placement="IM_SIDEBAR") != shown
    assert "Bound" not in shown  # every letter run is changed, so a bypass stands out


def test_error_explanations_are_translated_but_the_servers_words_are_not(
    language: Callable[[str], str],
) -> None:
    language("pseudo")
    summary, advice = explain("WRONG_AUTH_TYPE")
    assert summary.startswith("[") and advice.startswith("[")
    summary, _advice = explain("SOME_NEW_CODE", "Server words here")
    assert "Server words here" in summary  # error_description exactly as the server sent it


def test_cli_help_and_argparse_words_speak_the_chosen_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from b24admin.cli import main

    monkeypatch.setenv("B24ADMIN_LANGUAGE", "pseudo")
    try:
        assert main(["--help"]) == 0
    finally:
        i18n.use_language("en")
    out = capsys.readouterr().out
    assert i18n.pseudo("usage: ") in out
    assert i18n.pseudo("show this help message and exit") in out
    assert i18n.pseudo("register a widget (placement.bind)") in out
    assert "usage:" not in out


def test_cli_error_lines_are_translated(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from b24admin.cli import main

    monkeypatch.setenv("B24ADMIN_LANGUAGE", "pseudo")
    try:
        assert main(["bind"]) != 0
    finally:
        i18n.use_language("en")
    err = capsys.readouterr().err
    assert i18n.pseudo("the following arguments are required: %s").split("%s")[0] in err


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("export", "write here (default: stdout)"),
        ("sync", "print the plan, send nothing"),
        ("try-handler", "print the result as JSON"),
        ("desktop-entry", "remove exactly the files install wrote"),
    ],
)
def test_every_subcommands_help_speaks_the_chosen_language(
    command: str, text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from b24admin.cli import main

    monkeypatch.setenv("B24ADMIN_LANGUAGE", "pseudo")
    try:
        assert main([command, "--help"]) == 0
    finally:
        i18n.use_language("en")
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps long help lines
    assert " ".join(i18n.pseudo(text).split()) in out
