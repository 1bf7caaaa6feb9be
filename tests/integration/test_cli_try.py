"""``b24admin try-handler`` end to end: real handler servers, a real sandbox profile, exit codes
and what reaches the handler."""

from __future__ import annotations

import json
from pathlib import Path

from b24admin.sandbox import SandboxPortal
from tests.integration.cli_support import Cli, demo_app_secrets
from tests.integration.handler_servers import Answer, HandlerServer


def test_a_profile_lends_its_portal_but_no_secret_reaches_the_handler(
    sandbox: SandboxPortal, config_dir: Path
) -> None:
    cli = Cli(config_dir)
    secrets = demo_app_secrets(sandbox)
    cli.add_profile("dev", sandbox, secrets)
    before = sandbox.http_request_count
    with HandlerServer() as server:
        code = cli(
            "try-handler",
            "--profile",
            "dev",
            "--placement",
            "IM_SIDEBAR",
            "--handler",
            server.url(),
        )
    assert code == 0, cli.stdout + cli.stderr
    (got,) = server.received
    assert got.query["DOMAIN"] == sandbox.base_url.split("://", 1)[1]
    assert got.query["PROTOCOL"] == "0"  # the sandbox portal is plain http on loopback
    everything = got.raw_body.decode() + json.dumps(got.query) + json.dumps(got.headers)
    for name, value in secrets.items():
        assert value not in everything, f"the profile's {name} reached the handler"
    assert sandbox.http_request_count == before  # the try does not even talk to the portal


def test_json_output_carries_status_verdicts_and_what_was_sent(config_dir: Path) -> None:
    cli = Cli(config_dir)
    answer = Answer(headers=[("X-Frame-Options", "DENY")])
    with HandlerServer({"/": answer}) as server:
        code = cli(
            "try-handler",
            "--placement",
            "TASK_VIEW_TAB",
            "--handler",
            server.url(),
            "--context",
            "taskId=77",
            "--lang",
            "de",
            "--json",
        )
    assert code == 1
    data = json.loads(cli.stdout)
    assert data["status"] == 200
    assert data["framing"]["code"] == "xfo_deny"
    assert data["would_show"] is False
    assert json.loads(data["sent"]["form"]["PLACEMENT_OPTIONS"])["taskId"] == "77"
    assert data["sent"]["query"]["LANG"] == "de"
    assert data["doc_page"] == "api-reference/widgets/task/view-tab.md"


def test_words_name_the_header_to_send_and_the_verdict(config_dir: Path) -> None:
    cli = Cli(config_dir)
    policy = "frame-ancestors 'self'"
    with HandlerServer({"/": Answer(headers=[("Content-Security-Policy", policy)])}) as server:
        code = cli("try-handler", "--placement", "IM_SIDEBAR", "--handler", server.url())
    assert code == 1
    assert "Status: 200 OK" in cli.stdout
    assert "frame-ancestors 'self' https://your-portal.bitrix24.com" in cli.stdout
    assert "Verdict: the widget would NOT show." in cli.stdout


def test_an_unreachable_handler_exits_3(config_dir: Path) -> None:
    cli = Cli(config_dir)
    with HandlerServer({"/": Answer(slow=True)}) as server:
        code = cli(
            "try-handler",
            "--placement",
            "IM_SIDEBAR",
            "--handler",
            server.url(),
            "--timeout",
            "0.2",
        )
    assert code == 3
    assert "Not reached:" in cli.stdout


def test_invalid_input_exits_2_and_sends_nothing(config_dir: Path) -> None:
    cli = Cli(config_dir)
    with HandlerServer() as server:
        bad_context = cli(
            "try-handler",
            "--placement",
            "IM_SIDEBAR",
            "--handler",
            server.url(),
            "--context",
            "no-equals-sign",
        )
        bad_url = cli("try-handler", "--placement", "IM_SIDEBAR", "--handler", "ftp://x/")
        no_profile = cli(
            "try-handler",
            "--placement",
            "IM_SIDEBAR",
            "--handler",
            server.url(),
            "--profile",
            "missing",
        )
    assert (bad_context, bad_url, no_profile) == (2, 2, 2)
    assert server.received == []
