"""Manifests: the file format, what placement.get answers turn into, and when a binding on the
portal already is what the manifest asks for (so a second sync sends nothing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import Catalogue
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.manifest import (
    FORMAT_NAME,
    Manifest,
    binding_key,
    differences,
    manifest_problems,
    portal_matches,
    request_from_portal,
)

SIDEBAR = BindRequest(
    placement="IM_SIDEBAR",
    handler="https://app.example.com/sidebar",
    lang_rows=(LangRow("en", "Tools", "Helpful tools"), LangRow("de", "Werkzeuge")),
    options={"iconName": "fa-rocket", "color": "AZURE"},
)
WORKER = BindRequest(
    placement="PAGE_BACKGROUND_WORKER",
    handler="https://app.example.com/worker",
    options={"errorHandlerUrl": "https://app.example.com/error"},
    user_id=3,
)


def text_of(**data: Any) -> str:
    return json.dumps({"format": FORMAT_NAME, "version": 1, **data})


def parse_error(text: str) -> B24Error:
    with pytest.raises(B24Error) as caught:
        Manifest.parse(text, source="m.json")
    assert caught.value.kind is ErrorKind.INPUT
    assert caught.value.code == "BAD_MANIFEST"
    return caught.value


# --- the file -----------------------------------------------------------------------------------


def test_json_round_trip_keeps_bindings_order_and_description() -> None:
    manifest = Manifest((SIDEBAR, WORKER), description="Production widgets")
    again = Manifest.parse(manifest.to_json())
    assert again == manifest
    data = json.loads(manifest.to_json())
    assert list(data) == ["format", "version", "description", "bindings"]
    assert data["bindings"][0]["LANG_ALL"]["de"] == {"TITLE": "Werkzeuge"}
    assert data["bindings"][1]["USER_ID"] == 3


def test_bindings_are_placement_bind_parameters_as_documented() -> None:
    (binding,) = json.loads(Manifest((SIDEBAR,)).to_json())["bindings"]
    assert binding == SIDEBAR.to_wire()
    assert set(binding) == {"PLACEMENT", "HANDLER", "LANG_ALL", "OPTIONS"}


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "widgets.json"
    Manifest((SIDEBAR,)).save(path)
    assert Manifest.load(path).bindings == (SIDEBAR,)


def test_save_into_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(B24Error) as caught:
        Manifest((SIDEBAR,)).save(tmp_path / "missing" / "widgets.json")
    assert caught.value.kind is ErrorKind.INPUT
    assert "missing" in caught.value.summary


def test_load_of_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(B24Error) as caught:
        Manifest.load(tmp_path / "nope.json")
    assert "nope.json" in caught.value.summary


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"version": 1, "bindings": []}), "not a b24admin manifest"),
        (text_of(version=2, bindings=[]), "version 2"),
        (json.dumps({"format": FORMAT_NAME, "version": True, "bindings": []}), "version"),
        (text_of(bindings=[], portal="x"), "unknown top-level keys: portal"),
        (text_of(bindings={}), 'no "bindings" list'),
        (text_of(bindings=["IM_SIDEBAR"]), "Binding 1"),
        (
            text_of(
                bindings=[{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.b/c", "TITEL": "x"}]
            ),
            "unknown keys: TITEL",
        ),
        (text_of(bindings=[{"PLACEMENT": "LEFT_MENU"}]), "no HANDLER"),
        (
            text_of(
                bindings=[
                    {"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.b/c", "OPTIONS": {"x": [1]}}
                ]
            ),
            "OPTIONS.x",
        ),
        (
            text_of(
                bindings=[{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.b/c", "USER_ID": "x"}]
            ),
            "USER_ID",
        ),
        (text_of(description=5, bindings=[]), "description"),
    ],
)
def test_malformed_manifests_are_refused_with_the_reason(text: str, words: str) -> None:
    assert words in parse_error(text).summary


def test_a_newer_format_version_asks_for_an_update() -> None:
    error = parse_error(json.dumps({"format": FORMAT_NAME, "version": 2, "bindings": []}))
    assert "version 2" in error.summary
    assert "Update b24admin" in error.advice


def test_two_bindings_of_the_same_placement_handler_and_user_are_refused() -> None:
    binding = {"PLACEMENT": "left_menu", "HANDLER": "https://a.b/c"}
    twin = {"PLACEMENT": "LEFT_MENU", "HANDLER": " https://a.b/c "}
    assert "Binding 2" in parse_error(text_of(bindings=[binding, twin])).summary


def test_the_same_handler_for_two_users_is_two_bindings() -> None:
    general = {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "https://a.b/w"}
    personal = {**general, "USER_ID": 5}
    manifest = Manifest.parse(text_of(bindings=[general, personal]))
    assert manifest.keys() == [
        ("PAGE_BACKGROUND_WORKER", "https://a.b/w", 0),
        ("PAGE_BACKGROUND_WORKER", "https://a.b/w", 5),
    ]


def test_validation_problems_are_numbered_by_binding(catalogue: Catalogue) -> None:
    bad = SIDEBAR.with_changes(options={"iconName": "fa-rocket", "color": "azure"})
    problems = manifest_problems(Manifest((WORKER, bad)), catalogue)
    assert [(n, p.field) for n, p in problems if p.is_error] == [(2, "OPTIONS.color")]


# --- from the portal ----------------------------------------------------------------------------


def portal_entry(**overrides: Any) -> dict[str, Any]:
    """A placement.get element as the sandbox (and the portal) writes it."""
    entry: dict[str, Any] = {
        "placement": "IM_SIDEBAR",
        "userId": 0,
        "handler": "https://app.example.com/sidebar",
        "options": {
            "iconName": "fa-rocket",
            "extranet": "N",
            "context": "ALL",
            "role": "USER",
            "color": "AZURE",
        },
        "title": "Tools",
        "description": "Helpful tools",
        "langAll": {
            "en": {"TITLE": "Tools", "DESCRIPTION": "Helpful tools", "GROUP_NAME": None},
            "de": {"TITLE": "Werkzeuge", "DESCRIPTION": None, "GROUP_NAME": None},
        },
    }
    entry.update(overrides)
    return entry


def test_request_from_portal_keeps_language_rows_and_drops_the_ignored_top_level_texts() -> None:
    request = request_from_portal(portal_entry())
    assert request.title == "" and request.description == ""
    assert request.lang_rows == (
        LangRow("en", "Tools", "Helpful tools"),
        LangRow("de", "Werkzeuge"),
    )
    assert request.options["color"] == "AZURE"
    assert request.user_id is None
    assert binding_key(request) == ("IM_SIDEBAR", "https://app.example.com/sidebar", 0)


def test_request_from_portal_reads_php_empty_arrays_and_a_user() -> None:
    entry = portal_entry(placement="LEFT_MENU", options=[], langAll=[], title="Menu", userId="7")
    request = request_from_portal(entry)
    assert request.options == {}
    assert request.lang_rows == ()
    assert request.title == "Menu"
    assert request.user_id == 7


def test_from_portal_can_select_placements() -> None:
    entries = [portal_entry(), portal_entry(placement="LEFT_MENU", options=[], langAll=[])]
    manifest = Manifest.from_portal(entries, placements=["left_menu"])
    assert [b.placement for b in manifest.bindings] == ["LEFT_MENU"]
    assert len(Manifest.from_portal(entries).bindings) == 2


# --- does the portal already have it? ------------------------------------------------------------


def test_options_left_out_match_the_defaults_the_portal_fills_in(catalogue: Catalogue) -> None:
    assert portal_matches(SIDEBAR, portal_entry(), catalogue)


def test_an_option_value_that_differs_is_a_change(catalogue: Catalogue) -> None:
    desired = SIDEBAR.with_changes(
        options={"iconName": "fa-rocket", "color": "AZURE", "role": "ADMIN"}
    )
    assert not portal_matches(desired, portal_entry(), catalogue)
    assert differences(desired, portal_entry(), catalogue) == ['OPTIONS.role: "USER" → "ADMIN"']


def test_numbers_compare_as_the_portal_stores_them(catalogue: Catalogue) -> None:
    desired = BindRequest(
        placement="IM_TEXTAREA",
        handler="https://app.example.com/t",
        title="Snippets",
        options={"iconName": "fa-paperclip", "width": "050", "height": 80},
    )
    stored = {
        "iconName": "fa-paperclip",
        "extranet": "N",
        "context": "ALL",
        "role": "USER",
        "color": "",
        "width": 50,
        "height": 80,
    }
    entry = portal_entry(
        placement="IM_TEXTAREA",
        handler="https://app.example.com/t",
        options=stored,
        title="Snippets",
        langAll={"en": {"TITLE": "Snippets", "DESCRIPTION": None, "GROUP_NAME": None}},
    )
    assert portal_matches(desired, entry, catalogue)
    assert not portal_matches(
        desired.with_changes(options={**desired.options, "height": 81}), entry, catalogue
    )


def test_keys_the_placement_does_not_define_are_dropped_by_the_portal(catalogue: Catalogue) -> None:
    desired = SIDEBAR.with_changes(options={**SIDEBAR.options, "width": 300})
    assert portal_matches(desired, portal_entry(), catalogue)


def test_a_changed_language_title_is_a_change(catalogue: Catalogue) -> None:
    desired = SIDEBAR.with_changes(
        lang_rows=(LangRow("en", "Tools", "Helpful tools"), LangRow("de", "Helfer"))
    )
    assert not portal_matches(desired, portal_entry(), catalogue)
    assert differences(desired, portal_entry(), catalogue) == [
        'LANG_ALL[de].TITLE: "Werkzeuge" → "Helfer"'
    ]


def test_an_added_language_is_a_change(catalogue: Catalogue) -> None:
    desired = SIDEBAR.with_changes(lang_rows=(*SIDEBAR.lang_rows, LangRow("fr", "Outils")))
    assert not portal_matches(desired, portal_entry(), catalogue)
    assert 'LANG_ALL[fr].TITLE: (none) → "Outils"' in differences(
        desired, portal_entry(), catalogue
    )


def test_top_level_texts_match_the_one_row_in_the_portals_language(catalogue: Catalogue) -> None:
    desired = BindRequest(placement="LEFT_MENU", handler="https://a.b/m", title="Menu ")
    entry = portal_entry(
        placement="LEFT_MENU",
        handler="https://a.b/m",
        options=[],
        title="Menu",
        description="",
        langAll={"ru": {"TITLE": "Menu", "DESCRIPTION": None, "GROUP_NAME": None}},
    )
    assert portal_matches(desired, entry, catalogue)
    assert not portal_matches(desired.with_changes(title="Menü"), entry, catalogue)
    assert differences(desired.with_changes(title="Menü"), entry, catalogue) == [
        'LANG_ALL[ru].TITLE: "Menu" → "Menü"'
    ]


def test_no_texts_match_the_application_name_the_portal_shows(catalogue: Catalogue) -> None:
    desired = BindRequest(placement="LEFT_MENU", handler="https://a.b/m")
    default = portal_entry(
        placement="LEFT_MENU",
        handler="https://a.b/m",
        options=[],
        title="",
        description="",
        langAll={"en": {"TITLE": "Sandbox application", "DESCRIPTION": None, "GROUP_NAME": None}},
    )
    assert portal_matches(desired, default, catalogue)
    custom = {**default, "title": "Custom", "langAll": {"en": {"TITLE": "Custom"}}}
    assert not portal_matches(desired, custom, catalogue)


def test_a_different_user_is_a_different_binding(catalogue: Catalogue) -> None:
    entry = portal_entry(
        placement="PAGE_BACKGROUND_WORKER",
        handler="https://app.example.com/worker",
        userId=4,
        options={"errorHandlerUrl": "https://app.example.com/error"},
        title="",
        langAll={"en": {"TITLE": "Sandbox application"}},
    )
    assert not portal_matches(WORKER, entry, catalogue)
    assert portal_matches(WORKER, {**entry, "userId": 3}, catalogue)


def test_the_differences_speak_the_chosen_language_but_keep_the_codes(
    catalogue: Catalogue, language: Callable[[str], str]
) -> None:
    desired = SIDEBAR.with_changes(lang_rows=(*SIDEBAR.lang_rows, LangRow("fr", "Outils")))
    language("de")
    assert 'LANG_ALL[fr].TITLE: (leer) → "Outils"' in differences(
        desired, portal_entry(), catalogue
    )
    untitled = BindRequest(placement="LEFT_MENU", handler="https://a.b/m")
    rows = {"en": {"TITLE": "Menu"}, "de": {"TITLE": "Menü"}}
    entry = portal_entry(placement="LEFT_MENU", handler="https://a.b/m", options=[], langAll=rows)
    assert "LANG_ALL[Portalsprache].TITLE: (leer) → (der Name der Anwendung)" in differences(
        untitled, entry, catalogue
    )


def test_manifest_problems_speak_the_chosen_language_whole(
    language: Callable[[str], str], tmp_path: Path
) -> None:
    language("de")
    repeated = text_of(bindings=[SIDEBAR.to_wire(), SIDEBAR.to_wire()])
    error = parse_error(repeated)
    assert error.summary == (
        "Bindung 2 in m.json wiederholt IM_SIDEBAR → https://app.example.com/sidebar: Das Portal "
        "hält ein Widget je Platzierung, Handler und Benutzer."
    )
    assert error.advice.startswith("Prüfen Sie die Datei anhand von docs/manifest.md")
    with pytest.raises(B24Error) as caught:
        Manifest.load(tmp_path / "missing.json")
    assert caught.value.summary.startswith(f"{tmp_path / 'missing.json'} kann nicht gelesen")
    assert "ein b24admin-Manifest" in parse_error(json.dumps({"bindings": []})).summary
