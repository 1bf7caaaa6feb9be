"""parse_response: the error key wins over the HTTP status; non-Bitrix24 answers are PROTOCOL."""

from __future__ import annotations

import json

import pytest

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.responses import RESPONSE_EXCERPT_CHARS, decode_body, parse_response

JSON = "application/json; charset=utf-8"


def _error(status: int, body: bytes, content_type: str = JSON, method: str = "m") -> B24Error:
    with pytest.raises(B24Error) as info:
        parse_response(status, content_type, body, method=method)
    return info.value


@pytest.mark.parametrize("status", [200, 400, 401, 403, 503])
def test_json_error_is_raised_whatever_the_status(status: int) -> None:
    body = json.dumps(
        {"error": "ERROR_PLACEMENT_MAX_COUNT", "error_description": "Too many"}
    ).encode()

    error = _error(status, body, method="placement.bind")

    assert error.code == "ERROR_PLACEMENT_MAX_COUNT"
    assert error.kind is ErrorKind.PORTAL
    assert error.http_status == status
    assert error.method == "placement.bind"
    assert error.description == "Too many"
    assert "one handler" in error.summary  # from the catalogue, not the server's words


def test_error_argument_carries_the_argument_into_summary_and_advice() -> None:
    body = b'{"error":"ERROR_ARGUMENT","error_description":"is required","argument":"iconName"}'

    error = _error(200, body)

    assert error.argument == "iconName"
    assert "iconName" in error.summary
    assert "iconName" in error.advice


def test_wrong_auth_type_at_403_explains_local_application() -> None:
    body = (
        b'{"error":"WRONG_AUTH_TYPE","error_description":"Current authorization type is denied'
        b' for this method Application context required"}'
    )

    error = _error(403, body)

    assert error.code == "WRONG_AUTH_TYPE"
    assert "Local application" in error.advice
    assert "webhook" in error.advice.lower()


def test_result_of_a_2xx_answer_is_returned() -> None:
    assert parse_response(200, JSON, b'{"result": true, "time": {}}', method="m") is True
    assert parse_response(200, JSON, b'{"result": {"count": 2}}', method="m") == {"count": 2}


def test_result_false_is_a_result_not_an_error() -> None:
    assert parse_response(200, JSON, b'{"result": false}', method="user.admin") is False


def test_html_page_becomes_html_response_with_text_excerpt() -> None:
    page = (
        b"<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>"
        b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
    )

    error = _error(502, page, content_type="text/html")

    assert error.code == "HTML_RESPONSE"
    assert error.kind is ErrorKind.PROTOCOL
    assert error.http_status == 502
    assert "502 Bad Gateway" in error.description
    assert "<" not in error.description and "color:red" not in error.description


def test_html_without_html_content_type_is_still_recognised() -> None:
    assert _error(200, b"  <!doctype html><p>Oops</p>", content_type="").code == "HTML_RESPONSE"


def test_json_labelled_as_html_is_still_parsed() -> None:
    assert parse_response(200, "text/html", b'{"result": [1]}', method="m") == [1]


@pytest.mark.parametrize("body", [b"", b"   \r\n"])
def test_empty_body_becomes_empty_response(body: bytes) -> None:
    error = _error(200, body)
    assert (error.code, error.kind) == ("EMPTY_RESPONSE", ErrorKind.PROTOCOL)


def test_truncated_json_becomes_malformed_response() -> None:
    error = _error(200, b'{"result": [{"placement": "IM_SIDEBAR", "hand')
    assert (error.code, error.kind) == ("MALFORMED_RESPONSE", ErrorKind.PROTOCOL)
    assert "JSON" in error.description


def test_json_without_result_or_error_is_malformed() -> None:
    assert _error(200, b'{"time": {"start": 1}}').code == "MALFORMED_RESPONSE"


def test_json_that_is_not_an_object_is_malformed() -> None:
    assert _error(200, b"[1, 2]").code == "MALFORMED_RESPONSE"


def test_result_with_error_status_and_no_error_code_is_malformed() -> None:
    error = _error(500, b'{"result": true}')
    assert error.code == "MALFORMED_RESPONSE"
    assert "500" in error.description


def test_unknown_code_keeps_the_servers_words() -> None:
    error = _error(400, b'{"error":"SOMETHING_NEW","error_description":"Brand new failure"}')
    assert error.code == "SOMETHING_NEW"
    assert "SOMETHING_NEW" in error.summary and "Brand new failure" in error.summary


def test_response_excerpt_is_redacted_and_bounded() -> None:
    body = json.dumps(
        {
            "error": "X",
            "error_description": "see https://p.example.com/rest/1/s3cr3tvalue/x.json",
            "access_token": "tok-abcdef",
            "padding": "y" * 5000,
        }
    ).encode()

    error = _error(400, body)

    assert "s3cr3tvalue" not in error.response
    assert "tok-abcdef" not in error.response
    assert len(error.response) <= RESPONSE_EXCERPT_CHARS


def test_decode_body_returns_objects_without_result_wrapper() -> None:
    # The OAuth token endpoint answers {"access_token": ...} directly.
    data = decode_body(200, JSON, b'{"access_token": "a", "refresh_token": "r"}', method="oauth")
    assert data == {"access_token": "a", "refresh_token": "r"}


def test_oauth_error_is_portal_kind_with_lowercase_code() -> None:
    with pytest.raises(B24Error) as info:
        decode_body(400, JSON, b'{"error":"invalid_grant","error_description":"x"}', method="o")
    assert info.value.code == "invalid_grant"
    assert info.value.kind is ErrorKind.PORTAL
    assert "sign in again" in info.value.advice
