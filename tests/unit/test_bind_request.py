"""The wire form of placement.bind (placement-bind.md) and reading it back (placement-get.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from b24admin.core.bind_request import BindRequest, LangRow

HANDLER = "https://app.example.com/widget"


def test_minimal_request_sends_only_placement_and_handler() -> None:
    assert BindRequest("LEFT_MENU", HANDLER).to_wire() == {
        "PLACEMENT": "LEFT_MENU",
        "HANDLER": HANDLER,
    }


def test_placement_is_upper_cased_and_both_are_trimmed() -> None:
    wire = BindRequest(" im_sidebar ", f"  {HANDLER}\n").to_wire()
    assert (wire["PLACEMENT"], wire["HANDLER"]) == ("IM_SIDEBAR", HANDLER)


def test_texts_are_sent_when_set() -> None:
    wire = BindRequest("LEFT_MENU", HANDLER, title="T", description="D", group_name="G").to_wire()
    assert (wire["TITLE"], wire["DESCRIPTION"], wire["GROUP_NAME"]) == ("T", "D", "G")


def test_empty_fields_are_left_out_so_the_server_applies_defaults() -> None:
    wire = BindRequest("LEFT_MENU", HANDLER, options={"a": "", "b": None}).to_wire()  # type: ignore[dict-item]
    assert set(wire) == {"PLACEMENT", "HANDLER"}


def test_lang_all_is_keyed_by_language_with_title_always_present() -> None:
    rows = (
        LangRow(" en ", "Reports", "About", "Tools"),
        LangRow("de", "Berichte"),
        LangRow("ru", ""),
    )
    wire = BindRequest("LEFT_MENU", HANDLER, lang_rows=rows).to_wire()
    assert wire["LANG_ALL"] == {
        "en": {"TITLE": "Reports", "DESCRIPTION": "About", "GROUP_NAME": "Tools"},
        "de": {"TITLE": "Berichte"},
        "ru": {"TITLE": ""},
    }


def test_a_later_row_with_the_same_language_wins() -> None:
    rows = (LangRow("en", "First"), LangRow("en", "Second"))
    assert BindRequest("LEFT_MENU", HANDLER, lang_rows=rows).to_wire()["LANG_ALL"] == {
        "en": {"TITLE": "Second"}
    }


def test_options_keep_their_keys_and_types() -> None:
    options: dict[str, str | int] = {"iconName": "fa-rocket", "width": 50, "color": ""}
    wire = BindRequest("IM_TEXTAREA", HANDLER, options=options).to_wire()
    assert wire["OPTIONS"] == {"iconName": "fa-rocket", "width": 50}


@pytest.mark.parametrize(("user_id", "sent"), [(None, False), (0, True), (5, True)])
def test_user_id_is_sent_whenever_it_is_set(user_id: int | None, sent: bool) -> None:
    wire = BindRequest("PAGE_BACKGROUND_WORKER", HANDLER, user_id=user_id).to_wire()
    assert ("USER_ID" in wire) is sent and wire.get("USER_ID") == user_id


def test_wire_form_is_json_serialisable() -> None:
    request = BindRequest(
        "IM_TEXTAREA",
        HANDLER,
        "T",
        lang_rows=(LangRow("en", "T"),),
        options={"width": 5},
        user_id=0,
    )
    assert json.loads(json.dumps(request.to_wire())) == request.to_wire()


FULL_WIRE: dict[str, Any] = {
    "PLACEMENT": "IM_TEXTAREA",
    "HANDLER": HANDLER,
    "TITLE": "Tools",
    "DESCRIPTION": "Chat tools",
    "GROUP_NAME": "Group",
    "LANG_ALL": {
        "en": {"TITLE": "Tools", "DESCRIPTION": "D", "GROUP_NAME": "G"},
        "de": {"TITLE": "Werkzeuge"},
    },
    "OPTIONS": {"iconName": "fa-rocket", "context": "USER;LINES", "width": 80},
    "USER_ID": 3,
}


def test_from_wire_then_to_wire_gives_back_the_documented_parameters() -> None:
    assert BindRequest.from_wire(FULL_WIRE).to_wire() == FULL_WIRE


def test_from_wire_keeps_language_rows_in_order() -> None:
    rows = BindRequest.from_wire(FULL_WIRE).lang_rows
    assert rows == (LangRow("en", "Tools", "D", "G"), LangRow("de", "Werkzeuge"))


def test_from_wire_reads_a_placement_get_entry() -> None:
    entry = {
        "placement": "IM_CONTEXT_MENU",
        "userId": 0,
        "handler": HANDLER,
        "title": "T",
        "description": "",
        "options": {"extranet": "N", "context": "ALL", "role": "USER"},
        "langAll": {"en": {"TITLE": "T", "DESCRIPTION": None, "GROUP_NAME": None}},
    }
    request = BindRequest.from_wire(entry)
    assert (request.placement, request.user_id, request.title) == ("IM_CONTEXT_MENU", 0, "T")
    assert request.options["role"] == "USER" and request.lang_rows == (LangRow("en", "T"),)


def test_from_wire_reads_empty_php_arrays_as_empty() -> None:
    request = BindRequest.from_wire(
        {"placement": "LEFT_MENU", "handler": HANDLER, "options": [], "langAll": []}
    )
    assert (request.options, request.lang_rows) == ({}, ())


@pytest.mark.parametrize(("value", "expected"), [("7", 7), (7, 7), ("", None), (None, None)])
def test_from_wire_reads_user_id(value: Any, expected: int | None) -> None:
    assert BindRequest.from_wire({"USER_ID": value}).user_id == expected


@pytest.mark.parametrize(
    ("wire", "message"),
    [
        ([], "JSON object"),
        ({"LANG_ALL": "en"}, "LANG_ALL"),
        ({"LANG_ALL": {"en": "T"}}, "LANG_ALL"),
        ({"OPTIONS": "x"}, "OPTIONS"),
        ({"OPTIONS": ["x"]}, "OPTIONS"),
        ({"USER_ID": "me"}, "USER_ID"),
    ],
)
def test_from_wire_refuses_malformed_shapes_with_a_plain_message(wire: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BindRequest.from_wire(wire)


def test_with_changes_returns_a_new_request() -> None:
    request = BindRequest("LEFT_MENU", HANDLER)
    changed = request.with_changes(title="New")
    assert (request.title, changed.title, changed.placement) == ("", "New", "LEFT_MENU")


def test_requests_are_hashable_values() -> None:
    a = BindRequest("IM_SIDEBAR", HANDLER, options={"iconName": "fa-rocket"})
    b = BindRequest("IM_SIDEBAR", HANDLER, options={"iconName": "fa-rocket"})
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1


def test_a_request_owns_its_options() -> None:
    options: dict[str, str | int] = {"role": "USER"}
    request = BindRequest("IM_SIDEBAR", HANDLER, options=options)
    changed = request.with_changes(title="T")
    options["role"] = "ADMIN"
    changed.options["extranet"] = "Y"
    assert request.options == {"role": "USER"}
