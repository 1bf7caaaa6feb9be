"""Parsers of portal answers, manifests and ``bind --from`` files, fuzzed: whatever the bytes,
the outcome is a value or a B24Error that names the place, never a Python exception."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b24admin.core.answer_shapes import bindings_from, count_from
from b24admin.core.binding_file import load_bind_file
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.manifest import Manifest
from b24admin.core.responses import decode_body, parse_response
from b24admin.core.strict_json import MAX_DEPTH, JsonProblem, load_json, nests_deeper_than

FUZZ = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)
# Text that looks like JSON gone wrong: brackets, odd numbers, quotes, keys.
json_noise = st.lists(
    st.sampled_from(list('[]{}",:0123456789eE.-+ \\') + ["1e999", "NaN", '"a":', "true"]),
    max_size=60,
).map("".join)


def _nested(depth: int, opener: str = "[") -> str:
    """``depth`` levels of arrays (``[[1]]``) or objects (``{"a":{"a":1}}``)."""
    if opener == "{":
        return '{"a":' * depth + "1" + "}" * depth
    return "[" * depth + "1" + "]" * depth


# --- the JSON reader --------------------------------------------------------------------------


@FUZZ
@given(json_values)
def test_any_plain_json_reads_back_the_same(value: Any) -> None:
    assert load_json(json.dumps(value)) == value


@FUZZ
@given(json_noise)
def test_any_text_is_a_value_or_a_json_problem(text: str) -> None:
    try:
        load_json(text, reject_duplicates=True)
    except JsonProblem as problem:
        assert problem.kind in ("syntax", "depth", "number", "duplicate")
        assert str(problem)


@FUZZ
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["[", "{"]))
def test_depth_is_refused_past_the_limit_and_read_within_it(depth: int, opener: str) -> None:
    text = _nested(depth, opener)
    if depth <= MAX_DEPTH:
        assert load_json(text) is not None
    else:
        with pytest.raises(JsonProblem) as info:
            load_json(text)
        assert info.value.kind == "depth"


def test_a_hundred_thousand_open_brackets_are_a_problem_not_a_recursion_error() -> None:
    for text in ("[" * 100_000, '{"a":' * 100_000, "[" * 100_000 + "]" * 100_000):
        with pytest.raises(JsonProblem) as info:
            load_json(text)
        assert info.value.kind == "depth"


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"title": "[" * 500, "esc": '\\"[[[[' * 50})
    assert not nests_deeper_than(text)
    assert load_json(text)["title"] == "[" * 500


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"])
def test_numbers_no_float_can_hold_are_refused(number: str) -> None:
    with pytest.raises(JsonProblem) as info:
        load_json(f'{{"count": {number}}}')
    assert (info.value.kind, info.value.token) == ("number", number)


@FUZZ
@given(st.integers(min_value=309, max_value=5000), st.booleans())
def test_any_overflowing_exponent_is_refused(exponent: int, negative: bool) -> None:
    with pytest.raises(JsonProblem):
        load_json(f"[{'-' if negative else ''}1e{exponent}]")


def test_duplicate_keys_are_named_with_their_place() -> None:
    text = '{"bindings": [{"PLACEMENT": "A"}, {"OPTIONS": {"color": "RED", "color": "AZURE"}}]}'
    with pytest.raises(JsonProblem) as info:
        load_json(text, reject_duplicates=True)
    assert (info.value.kind, info.value.token) == ("duplicate", "color")
    assert info.value.place == "bindings[1].OPTIONS"
    assert load_json(text)["bindings"][1]["OPTIONS"] == {"color": "AZURE"}  # answers: allowed


# --- portal answers ---------------------------------------------------------------------------


@FUZZ
@given(json_noise | json_values.map(json.dumps))
def test_any_answer_body_is_a_result_or_a_b24error(text: str) -> None:
    try:
        parse_response(200, "application/json", text.encode(), method="placement.get")
    except B24Error as error:
        assert error.summary and error.method == "placement.get"
        assert error.kind in (ErrorKind.PROTOCOL, ErrorKind.PORTAL)


def test_a_deep_answer_names_the_call() -> None:
    body = ('{"result": ' + "[" * 5000 + "]" * 5000 + "}").encode()
    with pytest.raises(B24Error) as info:
        decode_body(200, "application/json", body, method="placement.get")
    error = info.value
    assert (error.code, error.kind) == ("MALFORMED_RESPONSE", ErrorKind.PROTOCOL)
    assert error.summary == (
        f"The answer to placement.get nests deeper than {MAX_DEPTH} levels, so b24admin did "
        "not read it."
    )
    assert len(error.response) <= 2000


def test_an_infinite_number_in_an_answer_names_the_call_and_the_number() -> None:
    with pytest.raises(B24Error) as info:
        parse_response(200, "application/json", b'{"result": {"count": 1e999}}', method="x.y")
    assert info.value.summary == "The answer to x.y holds a number no computer can store (1e999)."


@FUZZ
@given(json_values)
def test_any_placement_get_result_is_bindings_or_a_named_shape_error(result: Any) -> None:
    try:
        bindings = bindings_from(result)
    except B24Error as error:
        assert error.code == "MALFORMED_RESPONSE" and "placement.get" in error.summary
        assert "result" in error.summary
        return
    for binding in bindings:
        assert isinstance(binding["langAll"], dict) and isinstance(binding["options"], dict)


@pytest.mark.parametrize(
    ("result", "place", "words"),
    [
        ([["IM_SIDEBAR"]], "result[0]", "an object for one widget, not a list"),
        (
            [{"placement": "A", "handler": "h", "langAll": [{"TITLE": "x"}]}],
            "result[0].langAll",
            "an object of language rows, not a list",
        ),
        (
            [{"placement": "A", "handler": "h", "langAll": {"en": "Tools"}}],
            "result[0].langAll.en",
            "not text",
        ),
        ([{"placement": 5, "handler": "h"}], "result[0].placement", "text, not a number"),
        ("nothing", "result", "a list of widgets, not text"),
    ],
)
def test_wrong_kinds_in_placement_get_name_the_place(result: Any, place: str, words: str) -> None:
    with pytest.raises(B24Error) as info:
        bindings_from(result)
    assert f"The answer to placement.get has a value of the wrong kind at {place}:" in (
        info.value.summary
    )
    assert words in info.value.summary


def test_php_empty_arrays_stand_for_empty_objects() -> None:
    entry = {"placement": "LEFT_MENU", "handler": "https://a.example.com/", "langAll": []}
    [binding] = bindings_from([{**entry, "options": []}])
    assert (binding["langAll"], binding["options"]) == ({}, {})


@pytest.mark.parametrize("count", ["2", "many", 1.5, True, None, [], -2])
def test_an_unbind_count_that_is_not_a_whole_number_is_named(count: Any) -> None:
    with pytest.raises(B24Error) as info:
        count_from({"count": count})
    assert "placement.unbind" in info.value.summary and "result.count" in info.value.summary


def test_an_unbind_count_reads_as_a_number() -> None:
    assert count_from({"count": 4}) == 4 and count_from({}) == 0


# --- files people write -----------------------------------------------------------------------


def _manifest(bindings: str) -> str:
    return '{"format": "b24admin-manifest", "version": 1, "bindings": [' + bindings + "]}"


@FUZZ
@given(json_noise | json_values.map(json.dumps))
def test_any_manifest_text_is_a_manifest_or_an_input_error(text: str) -> None:
    try:
        Manifest.parse(text, source="widgets.json")
    except B24Error as error:
        assert error.kind is ErrorKind.INPUT and "widgets.json" in error.summary


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            ["PLACEMENT", "HANDLER", "TITLE", "LANG_ALL", "OPTIONS", "USER_ID", "GROUP_NAME"]
        ),
        json_values,
        max_size=7,
    )
)
def test_any_manifest_binding_is_read_or_refused_in_words(entry: dict[str, Any]) -> None:
    try:
        Manifest.parse(_manifest(json.dumps(entry)), source="widgets.json")
    except B24Error as error:
        assert error.kind is ErrorKind.INPUT and error.summary


@pytest.mark.parametrize(
    ("binding", "summary"),
    [
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example.com/", "LANG_ALL": '
            '[{"TITLE": "x"}]}',
            "widgets.json has a value of the wrong kind at bindings[0].LANG_ALL: an object keyed "
            "by language code, not a list.",
        ),
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example.com/", "TITLE": {"en": 1}}',
            "widgets.json has a value of the wrong kind at bindings[0].TITLE: text, not an object.",
        ),
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example.com/", "USER_ID": 1e999}',
            "widgets.json holds a number no computer can store: 1e999.",
        ),
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example.com/", "HANDLER": "x"}',
            "widgets.json has the key “HANDLER” twice in bindings[0].",
        ),
    ],
)
def test_manifest_problems_name_the_file_and_the_place(binding: str, summary: str) -> None:
    with pytest.raises(B24Error) as info:
        Manifest.parse(_manifest(binding), source="widgets.json")
    assert (info.value.code, info.value.exit_code) == ("BAD_MANIFEST", 2)
    assert info.value.summary == summary


def test_a_deep_manifest_is_refused_in_words() -> None:
    with pytest.raises(B24Error) as info:
        Manifest.parse(_manifest("[" * 3000 + "]" * 3000), source="widgets.json")
    assert info.value.summary == f"widgets.json nests deeper than {MAX_DEPTH} levels."


@FUZZ
@given(json_noise | json_values.map(json.dumps))
def test_any_bind_from_file_is_a_request_or_an_input_error(
    tmp_path_factory: Any, text: str
) -> None:
    path = Path(tmp_path_factory.mktemp("from")) / "widget.json"
    path.write_text(text, encoding="utf-8")
    try:
        load_bind_file(path)
    except B24Error as error:
        assert (error.kind, error.code) == (ErrorKind.INPUT, "BAD_FILE")
        assert str(path) in error.summary


def test_a_reader_that_clamps_may_let_infinite_numbers_through() -> None:
    assert load_json('{"expires_in": 1e999}', finite_numbers=False) == {"expires_in": math.inf}
