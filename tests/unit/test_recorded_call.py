"""transport.recorded_call: the one wrapper around every HTTP exchange (REST and OAuth)."""

from __future__ import annotations

import pytest
import requests

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.transport import CallRecord, recorded_call

SECRET = "s3cr3t-refresh-token-value"


def test_an_error_gets_the_request_loses_echoed_secrets_and_is_recorded() -> None:
    calls: list[CallRecord] = []
    with pytest.raises(B24Error) as caught:
        with recorded_call(
            "oauth/token (refresh_token)",
            url="https://oauth.example.com/oauth/token/?refresh_token=<redacted>",
            request="GET https://oauth.example.com/oauth/token/",
            secrets=[SECRET],
            on_call=calls.append,
        ) as trace:
            trace.http_status = 400
            raise B24Error(
                code="invalid_grant",
                summary="Sign in again.",
                description=f"refresh token {SECRET} is not valid",
                response=f'{{"error":"invalid_grant","echo":"{SECRET}"}}',
            )
    error = caught.value
    assert error.request == "GET https://oauth.example.com/oauth/token/"
    assert SECRET not in error.response and SECRET not in error.description
    (call,) = calls
    assert (call.method, call.outcome, call.http_status) == (
        "oauth/token (refresh_token)",
        "invalid_grant",
        400,
    )


def test_a_requests_failure_becomes_a_network_error_and_is_recorded() -> None:
    calls: list[CallRecord] = []
    with pytest.raises(B24Error) as caught:
        with recorded_call(
            "placement.get",
            url="https://x.example.com/rest/placement.get.json",
            request="POST https://x.example.com/rest/placement.get.json",
            secrets=[],
            on_call=calls.append,
        ):
            raise requests.ConnectionError("connection refused")
    assert caught.value.kind is ErrorKind.NETWORK
    assert caught.value.request.startswith("POST ")
    assert [(c.outcome, c.http_status) for c in calls] == [("NETWORK_ERROR", None)]


def test_a_successful_exchange_is_recorded_as_ok() -> None:
    calls: list[CallRecord] = []
    with recorded_call("scope", url="u", request="r", secrets=[], on_call=calls.append) as trace:
        trace.http_status = 200
    assert [(c.method, c.outcome, c.http_status, c.url) for c in calls] == [
        ("scope", "ok", 200, "u")
    ]
