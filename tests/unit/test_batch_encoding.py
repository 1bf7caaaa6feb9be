"""The batch wire format: bracketed, URL-encoded command strings; per-key results and errors."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from b24admin.core.batch import BatchCommand, encode_command, encode_query, parse_batch_answer
from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.errors import ErrorKind


def test_nested_options_and_lang_all_use_php_brackets() -> None:
    request = BindRequest(
        placement="IM_SIDEBAR",
        handler="https://app.example.com/h?x=1&y=2",
        lang_rows=(LangRow("en", "Hello world"),),
        options={"iconName": "fa-rocket", "width": 100},
    )

    command = encode_command("placement.bind", request.to_wire())

    method, _, query = command.partition("?")
    assert method == "placement.bind"
    assert "OPTIONS[iconName]=fa-rocket" in query
    assert "LANG_ALL[en][TITLE]=Hello%20world" in query
    assert dict(parse_qsl(query)) == {
        "PLACEMENT": "IM_SIDEBAR",
        "HANDLER": "https://app.example.com/h?x=1&y=2",
        "LANG_ALL[en][TITLE]": "Hello world",
        "OPTIONS[iconName]": "fa-rocket",
        "OPTIONS[width]": "100",
    }


def test_values_are_encoded_once_so_ampersands_cannot_split_params() -> None:
    query = encode_query({"HANDLER": "https://a.b/?p=1&q=2"})
    assert query == "HANDLER=https%3A%2F%2Fa.b%2F%3Fp%3D1%26q%3D2"
    assert "%25" not in query  # not double encoded (the JSON body carries it plainly)


def test_lists_booleans_and_none() -> None:
    pairs = parse_qsl(
        encode_query({"L": ["a", "b"], "T": True, "F": False, "N": None}), keep_blank_values=True
    )
    assert pairs == [("L[0]", "a"), ("L[1]", "b"), ("T", "1"), ("F", "0"), ("N", "")]


def test_command_without_params_is_just_the_method() -> None:
    assert encode_command("placement.get", {}) == "placement.get"
    assert urlsplit(encode_command("scope", {"full": True})).query == "full=1"


def test_parse_answer_splits_results_errors_and_not_run() -> None:
    commands = [
        BatchCommand("a", "placement.bind", {}),
        BatchCommand("b", "placement.bind", {}),
        BatchCommand("c", "placement.get", {}),
    ]
    answer = {
        "result": {"a": True},
        "result_error": {
            "b": {
                "error": "ERROR_CORE",
                "error_description": "Unable to set placement handler: Handler already binded",
            }
        },
        "result_total": [],
        "result_next": [],
        "result_time": {"a": {"duration": 0.1}},
    }

    result = parse_batch_answer(answer, commands)

    assert result.results == {"a": True}
    assert set(result.errors) == {"b"}
    assert result.errors["b"].code == "ERROR_CORE"
    assert result.errors["b"].method == "placement.bind"
    assert result.errors["b"].kind is ErrorKind.PORTAL
    assert "already registered" in result.errors["b"].summary
    assert result.not_run == ["c"]
    assert not result.ok
    assert result.time == {"a": {"duration": 0.1}}


def test_parse_answer_accepts_php_empty_arrays() -> None:
    result = parse_batch_answer(
        {"result": [], "result_error": [], "result_total": [], "result_next": []},
        [],
    )
    assert result.results == {} and result.errors == {} and result.ok


def test_a_bare_error_message_becomes_an_unknown_portal_error_with_its_words() -> None:
    commands = [BatchCommand("a", "placement.unbind", {})]
    result = parse_batch_answer({"result": [], "result_error": {"a": "Something broke"}}, commands)
    error = result.errors["a"]
    assert (error.code, error.kind, error.method) == (
        "UNKNOWN_ERROR",
        ErrorKind.PORTAL,
        "placement.unbind",
    )
    assert error.description == "Something broke" and "Something broke" in error.summary
    assert result.not_run == []
