"""The sandbox over real HTTP: OAuth server, batch, rate limit, faults, the call record, runner."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.sandbox import Fault, ManualClock, SandboxApp, SandboxPortal, TokenPair, run_forever
from tests.integration.sandbox_http import HANDLER, TIMEOUT, bind, call, error_of

ROOT = Path(__file__).resolve().parents[2]


def token_request(portal: SandboxPortal, **params: str) -> requests.Response:
    return requests.get(f"{portal.oauth_server_url}/oauth/token/", params=params, timeout=TIMEOUT)


def exchange(portal: SandboxPortal, app: SandboxApp, code: str) -> requests.Response:
    return token_request(
        portal,
        grant_type="authorization_code",
        client_id=app.client_id,
        client_secret=app.client_secret,
        code=code,
    )


def refresh(portal: SandboxPortal, app: SandboxApp, refresh_token: str) -> requests.Response:
    return token_request(
        portal,
        grant_type="refresh_token",
        client_id=app.client_id,
        client_secret=app.client_secret,
        refresh_token=refresh_token,
    )


# --- OAuth server (§5) ------------------------------------------------------------------------


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


# --- batch (§6) -------------------------------------------------------------------------------


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


# --- rate limit (§6 leaky bucket) ---------------------------------------------------------------


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def limited(clock: ManualClock) -> Any:
    with SandboxPortal(rate_per_second=2.0, burst=3, clock=clock) as portal:
        app = portal.register_app()
        yield portal, portal.issue_tokens(app.client_id)


def test_requests_over_the_burst_are_query_limit_exceeded_and_not_executed(limited: Any) -> None:
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


def test_the_bucket_drains_at_the_rate_on_the_clock(limited: Any, clock: ManualClock) -> None:
    portal, tokens = limited
    for _ in range(3):
        call(portal, tokens.access_token, "user.admin")
    clock.advance(0.5)  # 2 per second: one request's worth

    assert call(portal, tokens.access_token, "user.admin").status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 503
    portal.reset_rate_limit()
    assert call(portal, tokens.access_token, "user.admin").status_code == 200


def test_every_rest_request_counts_but_oauth_does_not(limited: Any) -> None:
    portal, tokens = limited
    for _ in range(3):
        call(portal, None, "user.admin")  # refused for auth, but counted
    app = portal.app()
    assert refresh(portal, app, tokens.refresh_token).status_code == 200
    assert error_of(call(portal, tokens.access_token, "user.admin")) == (
        503,
        "QUERY_LIMIT_EXCEEDED",
    )


def test_a_batch_counts_as_one_request(limited: Any) -> None:
    portal, tokens = limited
    assert batch(portal, tokens, ["user.admin"] * 10).status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 200
    assert call(portal, tokens.access_token, "user.admin").status_code == 503


# --- faults -------------------------------------------------------------------------------------


def test_html_502_is_an_nginx_page_and_nothing_runs(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.html_502())

    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU")

    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")
    assert "502 Bad Gateway" in response.text
    assert sandbox.bindings(sandbox_app.client_id) == []
    assert (sandbox.received[-1].http_status, sandbox.received[-1].response) == (502, None)


@pytest.mark.parametrize("status", [200, 500])
def test_empty_answer_has_no_body(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, status: int
) -> None:
    sandbox.inject(Fault.empty(status=status))
    response = call(sandbox, sandbox_tokens.access_token, "placement.get")
    assert (response.status_code, response.content) == (status, b"")


def test_error_fault_uses_the_documented_status_and_text(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.error("QUERY_LIMIT_EXCEEDED"))
    sandbox.inject(Fault.error("SOMETHING_ODD", "Odd", status=418))

    limited = call(sandbox, sandbox_tokens.access_token, "user.admin")
    odd = call(sandbox, sandbox_tokens.access_token, "user.admin")

    assert (limited.status_code, limited.json()["error_description"]) == (503, "Too many requests")
    assert (odd.status_code, odd.json()) == (
        418,
        {"error": "SOMETHING_ODD", "error_description": "Odd"},
    )


def test_drop_closes_the_connection_after_the_method_ran(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.drop(), method="placement.bind")

    with pytest.raises(requests.ConnectionError):
        bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU")

    assert len(sandbox.bindings(sandbox_app.client_id)) == 1  # a blind retry would duplicate
    assert sandbox.received[-1].http_status == 0


def test_truncated_answer_is_cut_json_after_the_method_ran(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.truncated())

    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU")

    assert response.status_code == 200
    assert response.text.startswith('{"result": true')
    with pytest.raises(ValueError):
        json.loads(response.text)
    assert len(sandbox.bindings(sandbox_app.client_id)) == 1


def test_fault_applies_only_to_its_method_and_only_so_many_times(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.html_502(), method="placement.get", times=2)
    token = sandbox_tokens.access_token

    statuses = [
        call(sandbox, token, "user.admin").status_code,
        call(sandbox, token, "placement.get").status_code,
        call(sandbox, token, "placement.get").status_code,
        call(sandbox, token, "placement.get").status_code,
    ]

    assert statuses == [200, 502, 502, 200]


def test_faults_do_not_touch_the_oauth_server(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.html_502())
    assert refresh(sandbox, sandbox_app, sandbox_tokens.refresh_token).status_code == 200


def test_short_delay_then_the_normal_answer(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.delay(0.01))
    assert call(sandbox, sandbox_tokens.access_token, "user.admin").json()["result"] is True


def test_delay_blocks_neither_other_requests_nor_stop(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.delay(60.0), method="placement.get")
    outcome: list[BaseException | int] = []

    def delayed() -> None:
        try:
            outcome.append(call(sandbox, sandbox_tokens.access_token, "placement.get").status_code)
        except requests.RequestException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=delayed)
    worker.start()
    assert sandbox.wait_for_http_requests(1)

    assert call(sandbox, sandbox_tokens.access_token, "user.admin").json()["result"] is True
    sandbox.stop()
    worker.join(timeout=10)

    assert not worker.is_alive()
    assert isinstance(outcome[0], requests.ConnectionError)


# --- the record of calls ------------------------------------------------------------------------


def test_received_records_each_call_without_its_token(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", TITLE="T")

    (record,) = sandbox.received
    assert (record.method, record.auth, record.client_id, record.user_id) == (
        "placement.bind",
        "oauth",
        sandbox_app.client_id,
        1,
    )
    assert record.params == {"PLACEMENT": "LEFT_MENU", "HANDLER": HANDLER, "TITLE": "T"}
    assert (record.http_path, record.http_status) == ("/rest/placement.bind.json", 200)
    assert record.response is not None and record.response["result"] is True


def test_received_records_webhook_and_anonymous_calls(sandbox: SandboxPortal) -> None:
    sandbox.add_user(4, admin=True)
    requests.post(sandbox.add_webhook(4) + "user.admin", timeout=TIMEOUT)
    call(sandbox, None, "user.admin")
    webhook, anonymous = sandbox.received
    assert (webhook.auth, webhook.user_id, webhook.client_id) == ("webhook", 4, "")
    assert (anonymous.auth, anonymous.http_status) == ("none", 401)


def test_http_request_count_includes_oauth(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    call(sandbox, sandbox_tokens.access_token, "user.admin")
    refresh(sandbox, sandbox_app, sandbox_tokens.refresh_token)
    assert (sandbox.http_request_count, len(sandbox.received)) == (2, 1)


# --- the foreground runner ----------------------------------------------------------------------


class Capture(io.StringIO):
    """Collects output and signals once the runner has printed its instructions."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = threading.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        if "Ctrl+C" in self.getvalue():
            self.ready.set()
        return written


def printed_oauth_command(text: str) -> tuple[str, dict[str, str], str]:
    match = re.search(
        r"printf '%s' '(\{.*?\})' \| b24admin profile add sandbox --auth oauth "
        r"--portal (\S+) --client-id (\S+) --oauth-server (\S+)",
        text,
    )
    assert match, text
    assert match.group(2) == match.group(4)  # one server plays portal and OAuth server
    return match.group(2), json.loads(match.group(1)), match.group(3)


def test_run_forever_prints_a_working_profile_command_and_stops() -> None:
    out, stop = Capture(), threading.Event()
    runner = threading.Thread(
        target=run_forever, kwargs={"port": 0, "out": out, "stop_event": stop}
    )
    runner.start()
    try:
        assert out.ready.wait(10)
        portal_url, secrets, client_id = printed_oauth_command(out.getvalue())
        assert client_id == "local.sandbox00000000.00000000"
        assert "fake" in out.getvalue()
        answer = requests.post(
            f"{portal_url}/rest/user.admin", json={"auth": secrets["access_token"]}, timeout=TIMEOUT
        )
        assert answer.json()["result"] is True
        webhook = re.search(r'"webhook_url":"(\S+?)"', out.getvalue())
        assert webhook
        denied = requests.post(webhook.group(1) + "placement.bind", timeout=TIMEOUT)
        assert denied.json()["error"] == "WRONG_AUTH_TYPE"
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_python_m_sandbox_serves_until_ctrl_c() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "b24admin.sandbox", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Ctrl+C" in line:
                break
        portal_url, secrets, _ = printed_oauth_command("".join(lines))
        answer = requests.post(
            f"{portal_url}/rest/scope", json={"auth": secrets["access_token"]}, timeout=TIMEOUT
        )
        assert "placement" in answer.json()["result"]
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "stopped" in rest


def test_run_forever_on_a_busy_port_is_a_network_error(sandbox: SandboxPortal) -> None:
    busy_port = int(sandbox.base_url.rsplit(":", 1)[1])
    with pytest.raises(B24Error) as info:
        run_forever(port=busy_port, out=io.StringIO(), stop_event=threading.Event())
    assert (info.value.code, info.value.kind) == ("SANDBOX_PORT_UNAVAILABLE", ErrorKind.NETWORK)
