"""The sandbox over real HTTP: injected faults, the record of calls, and the foreground runner."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.sandbox import Fault, SandboxApp, SandboxPortal, TokenPair, run_forever
from tests.integration.sandbox_http import HANDLER, TIMEOUT, bind, call, refresh

ROOT = Path(__file__).resolve().parents[2]

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
    assert webhook.http_path == "/rest/4/***/user.admin"  # the webhook's secret is not kept
    assert (anonymous.auth, anonymous.http_status) == ("none", 401)


def test_request_log_shows_neither_a_token_nor_a_webhook_secret(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="b24admin.sandbox")
    webhook = sandbox.add_webhook()
    secret = webhook.rstrip("/").rsplit("/", 1)[1]
    token = sandbox_tokens.access_token

    requests.get(f"{sandbox.base_url}/rest/user.admin", params={"auth": token}, timeout=TIMEOUT)
    requests.post(webhook + "user.admin.json", timeout=TIMEOUT)

    assert "GET /rest/user.admin" in caplog.text
    assert "POST /rest/1/***/user.admin" in caplog.text
    assert token not in caplog.text and secret not in caplog.text


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
        # The instructions go out in one print, the webhook command among them, whatever the
        # language: they are all there once a line ends after that command.
        printed = self.getvalue()
        if "--auth webhook" in printed and printed.endswith("\n"):
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


@contextmanager
def running_sandbox_command() -> Iterator[Capture]:
    """``b24admin sandbox`` (run_forever) on a free port in a thread; yields what it printed
    once its instructions are out, and stops it afterwards."""
    out, stop = Capture(), threading.Event()
    runner = threading.Thread(
        target=run_forever, kwargs={"port": 0, "out": out, "stop_event": stop}
    )
    runner.start()
    try:
        assert out.ready.wait(10)
        yield out
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()


def test_run_forever_prints_a_working_profile_command_and_stops() -> None:
    with running_sandbox_command() as out:
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


def test_run_forever_speaks_the_chosen_language_and_its_command_still_works(
    language: Callable[[str], str],
) -> None:
    language("de")
    with running_sandbox_command() as out:
        printed = out.getvalue()
    assert "b24admin-Sandbox-Portal: ein Bitrix24-Emulator" in printed
    assert "  Portal-URL:    http://127.0.0.1:" in printed  # labels aligned for any language
    assert "Strg+C" in printed and "Press Ctrl+C" not in printed
    _url, _secrets, client_id = printed_oauth_command(printed)  # commands stay as written
    assert client_id == "local.sandbox00000000.00000000"


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
