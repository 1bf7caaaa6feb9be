"""The sandbox over real HTTP: the OAuth server, batch and the rate limit.

Faults, the record of calls and the foreground runner are in test_sandbox_faults.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from b24admin.sandbox import ManualClock, SandboxApp, SandboxPortal, TokenPair
from tests.integration.sandbox_http import (
    HANDLER,
    TIMEOUT,
    bind,
    call,
    error_of,
    exchange,
    refresh,
    token_request,
)

# --- OAuth server (settings/oauth) ------------------------------------------------------------


def test_code_exchange_answers_the_documented_fields(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    sandbox.add_user(3, admin=True)
    answer = exchange(
        sandbox, sandbox_app, sandbox.create_authorization_code(sandbox_app.client_id, user_id=3)
    )

    body = answer.json()
    assert answer.status_code == 200
    assert body["expires_in"] == 3600 and body["status"] == "L" and body["user_id"] == 3
    assert body["client_endpoint"] == f"{sandbox.base_url}/rest/"
    assert set(body["scope"].split(",")) == set(sandbox_app.scopes)
    assert {
        "access_token",
        "refresh_token",
        "expires",
        "server_endpoint",
        "domain",
        "member_id",
    } <= set(body)
    assert call(sandbox, body["access_token"], "user.admin").json()["result"] is True


def test_a_code_works_once(sandbox: SandboxPortal, sandbox_app: SandboxApp) -> None:
    code = sandbox.create_authorization_code(sandbox_app.client_id)
    assert exchange(sandbox, sandbox_app, code).status_code == 200
    assert error_of(exchange(sandbox, sandbox_app, code)) == (400, "invalid_grant")


def test_a_code_lives_30_seconds_on_the_clock() -> None:
    clock = ManualClock()
    with SandboxPortal(clock=clock) as portal:
        app = portal.register_app()
        fresh, stale = (portal.create_authorization_code(app.client_id) for _ in range(2))
        clock.advance(29.9)
        assert exchange(portal, app, fresh).status_code == 200
        clock.advance(0.1)
        assert error_of(exchange(portal, app, stale)) == (400, "invalid_grant")


@pytest.mark.parametrize("bad", ["client_id", "client_secret"])
def test_bad_client_credentials_are_invalid_client(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair, bad: str
) -> None:
    params = {
        "grant_type": "refresh_token",
        "client_id": sandbox_app.client_id,
        "client_secret": sandbox_app.client_secret,
        "refresh_token": sandbox_tokens.refresh_token,
        bad: "wrong",
    }
    assert error_of(token_request(sandbox, **params)) == (400, "invalid_client")


def test_uninstalled_app_is_invalid_client(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.set_installed(sandbox_app.client_id, False)
    response = refresh(sandbox, sandbox_app, sandbox_tokens.refresh_token)
    assert error_of(response) == (400, "invalid_client")


def test_refresh_rotates_the_refresh_token(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    first = refresh(sandbox, sandbox_app, sandbox_tokens.refresh_token).json()

    replay = refresh(sandbox, sandbox_app, sandbox_tokens.refresh_token)
    second = refresh(sandbox, sandbox_app, first["refresh_token"])

    assert first["refresh_token"] != sandbox_tokens.refresh_token
    assert error_of(replay) == (400, "invalid_grant")
    assert second.status_code == 200
    assert call(sandbox, second.json()["access_token"], "user.admin").status_code == 200


def test_refresh_token_of_another_app_is_invalid_grant(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    other = sandbox.register_app("local.other.3")
    response = refresh(sandbox, other, sandbox_tokens.refresh_token)
    assert error_of(response) == (400, "invalid_grant")


def test_missing_grant_type_is_invalid_request(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    response = token_request(sandbox, client_id=sandbox_app.client_id)
    assert error_of(response) == (400, "invalid_request")


def test_authorize_redirects_to_the_apps_own_redirect_uri(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    sandbox.set_redirect_uri(sandbox_app.client_id, "http://127.0.0.1:9/catch?keep=1")

    response = requests.get(
        f"{sandbox.oauth_server_url}/oauth/authorize/",
        params={
            "client_id": sandbox_app.client_id,
            "state": "s-42",
            "redirect_uri": "http://evil.example/",
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )

    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert (location.netloc, location.path) == ("127.0.0.1:9", "/catch")
    assert query["keep"] == "1" and query["state"] == "s-42"
    assert {"code", "domain", "member_id", "scope", "server_domain"} <= set(query)
    assert exchange(sandbox, sandbox_app, query["code"]).status_code == 200


def test_authorize_without_a_redirect_uri_is_a_400_page(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    response = requests.get(
        f"{sandbox.oauth_server_url}/oauth/authorize/",
        params={"client_id": sandbox_app.client_id, "state": "x"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/html")


# --- batch (batch.md) -------------------------------------------------------------------------


def batch(portal: SandboxPortal, tokens: TokenPair, cmd: Any, halt: int = 0) -> requests.Response:
    return call(portal, tokens.access_token, "batch", cmd=cmd, halt=halt)


def test_batch_runs_commands_in_order_with_nested_query_brackets(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    query = urlencode(
        {
            "PLACEMENT": "IM_SIDEBAR",
            "HANDLER": HANDLER,
            "OPTIONS[iconName]": "fa-rocket",
            "LANG_ALL[en][TITLE]": "Chat",
        }
    )
    cmd = {"bind": f"placement.bind?{query}", "list": "placement.get"}

    response = batch(sandbox, sandbox_tokens, cmd)

    assert response.status_code == 200
    result = response.json()["result"]
    assert result["result"]["bind"] is True
    (row,) = result["result"]["list"]
    assert (row["options"]["iconName"], row["langAll"]["en"]["TITLE"]) == ("fa-rocket", "Chat")
    assert set(result["result_time"]) == {"bind", "list"}
    assert result["result_error"] == []


def test_batch_array_answers_lists(sandbox: SandboxPortal, sandbox_tokens: TokenPair) -> None:
    result = batch(sandbox, sandbox_tokens, ["user.admin", "scope"]).json()["result"]
    assert result["result"][0] is True
    assert isinstance(result["result"], list) and len(result["result"]) == 2


def test_batch_errors_go_to_result_error_and_halt_stops(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    cmd = {"a": "placement.bind?PLACEMENT=NOPE&HANDLER=https://a.example/", "b": "user.admin"}

    going_on = batch(sandbox, sandbox_tokens, cmd, halt=0).json()["result"]
    halted = batch(sandbox, sandbox_tokens, cmd, halt=1).json()["result"]

    assert going_on["result_error"]["a"]["error"] == "ERROR_PLACEMENT_NOT_FOUND"
    assert going_on["result"] == {"b": True}
    assert halted["result"] == [] and list(halted["result_error"]) == ["a"]


def test_nested_batch_is_not_allowed(sandbox: SandboxPortal, sandbox_tokens: TokenPair) -> None:
    result = batch(sandbox, sandbox_tokens, {"inner": "batch?cmd[x]=scope"}).json()["result"]
    assert result["result_error"]["inner"]["error"] == "ERROR_BATCH_METHOD_NOT_ALLOWED"


def test_batch_over_50_commands_is_rejected(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    assert batch(sandbox, sandbox_tokens, ["scope"] * 50).status_code == 200
    response = batch(sandbox, sandbox_tokens, ["scope"] * 51)
    assert error_of(response) == (400, "ERROR_BATCH_LENGTH_EXCEEDED")


def test_form_encoded_batch_with_double_encoded_commands(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    inner = urlencode({"PLACEMENT": "LEFT_MENU", "HANDLER": HANDLER + "?x=1&y=2", "TITLE": "A&B"})
    form = {"auth": sandbox_tokens.access_token, "cmd[one]": f"placement.bind?{inner}", "halt": "1"}

    response = requests.post(f"{sandbox.base_url}/rest/batch", data=form, timeout=TIMEOUT)

    assert response.json()["result"]["result"] == {"one": True}
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert (row["handler"], row["title"]) == (HANDLER + "?x=1&y=2", "A&B")


def test_webhook_batch_reports_wrong_auth_type_per_command(sandbox: SandboxPortal) -> None:
    url = sandbox.add_webhook() + "batch.json"
    response = requests.post(
        url, json={"cmd": {"b": "placement.get", "u": "user.admin"}}, timeout=TIMEOUT
    )
    result = response.json()["result"]
    assert response.status_code == 200
    assert result["result_error"]["b"]["error"] == "WRONG_AUTH_TYPE"
    assert result["result"] == {"u": True}


# --- rate limit (limits.md) ---------------------------------------------------------------------


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


LimitedPortal = tuple[SandboxPortal, TokenPair]


@pytest.fixture
def limited(clock: ManualClock) -> Iterator[LimitedPortal]:
    with SandboxPortal(rate_per_second=2.0, burst=3, clock=clock) as portal:
        app = portal.register_app()
        yield portal, portal.issue_tokens(app.client_id)


def test_requests_over_the_burst_are_query_limit_exceeded_and_not_executed(
    limited: LimitedPortal,
) -> None:
    portal, tokens = limited
    for _ in range(3):
        assert call(portal, tokens.access_token, "user.admin").status_code == 200

    refused = bind(portal, tokens, PLACEMENT="LEFT_MENU")

    assert refused.status_code == 503
    assert refused.json() == {
        "error": "QUERY_LIMIT_EXCEEDED",
        "error_description": "Too many requests",
    }
    assert portal.bindings(portal.app().client_id) == []


def test_the_bucket_drains_at_the_rate_on_the_clock(
    limited: LimitedPortal, clock: ManualClock
) -> None:
    portal, tokens = limited
    for _ in range(3):
        call(portal, tokens.access_token, "user.admin")
    clock.advance(0.5)  # 2 per second: one request's worth

    assert call(portal, tokens.access_token, "user.admin").status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 503
    portal.reset_rate_limit()
    assert call(portal, tokens.access_token, "user.admin").status_code == 200


def test_every_rest_request_counts_but_oauth_does_not(limited: LimitedPortal) -> None:
    portal, tokens = limited
    for _ in range(3):
        call(portal, None, "user.admin")  # refused for auth, but counted
    app = portal.app()
    assert refresh(portal, app, tokens.refresh_token).status_code == 200
    assert error_of(call(portal, tokens.access_token, "user.admin")) == (
        503,
        "QUERY_LIMIT_EXCEEDED",
    )


def test_a_batch_counts_as_one_request(limited: LimitedPortal) -> None:
    portal, tokens = limited
    assert batch(portal, tokens, ["user.admin"] * 10).status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 503
