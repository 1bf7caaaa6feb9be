"""Answers of the wrong kind from a real (sandbox) portal, through the client and the command
line: each ends in words that name the call and the place, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from b24admin.core.bind_request import BindRequest
from b24admin.core.client import PortalClient
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.sandbox import Fault, SandboxApp, SandboxPortal, TokenPair
from tests.integration.cli_support import Cli, demo_app_secrets
from tests.integration.sync_support import credentials_for

MENU = BindRequest(placement="LEFT_MENU", handler="https://app.example.com/menu", title="Menu")


@pytest.fixture
def client(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> PortalClient:
    return PortalClient(credentials_for(sandbox, sandbox_app, sandbox_tokens))


@pytest.fixture
def cli(config_dir: Path, sandbox: SandboxPortal) -> Cli:
    runner = Cli(config_dir)
    runner.add_profile("sbx", sandbox, demo_app_secrets(sandbox))
    return runner


def _raw(result: object) -> Fault:
    return Fault.raw(json.dumps({"result": result}).encode())


@pytest.mark.parametrize("answer", [False, None, "true", 1, {"ok": True}])
def test_bind_answering_anything_but_true_is_not_confirmed(
    client: PortalClient, sandbox: SandboxPortal, answer: object
) -> None:
    sandbox.inject(_raw(answer), method="placement.bind")
    with pytest.raises(B24Error) as info:
        client.bind(MENU)
    error = info.value
    assert (error.code, error.kind, error.exit_code) == ("BIND_NOT_CONFIRMED", ErrorKind.PORTAL, 1)
    assert error.summary.startswith("The portal did not confirm the widget")
    assert json.dumps(answer) in error.summary


def test_cli_bind_answered_false_does_not_say_bound(cli: Cli, sandbox: SandboxPortal) -> None:
    sandbox.inject(_raw(False), method="placement.bind")
    widget = ("--placement", "LEFT_MENU", "--handler", "https://app.example.com/menu")
    assert cli("bind", "--profile", "sbx", *widget) == 1
    assert "Bound" not in cli.stdout
    assert "did not confirm the widget (placement.bind answered false)" in cli.stderr


@pytest.mark.parametrize(
    ("result", "place"),
    [
        ([["IM_SIDEBAR", "https://a.example.com/"]], "result[0]"),
        (
            [
                {
                    "placement": "LEFT_MENU",
                    "handler": "https://a.example.com/",
                    "langAll": [{"TITLE": "Menu"}],
                }
            ],
            "result[0].langAll",
        ),
    ],
)
def test_cli_list_of_a_wrong_shape_names_the_call_and_place(
    cli: Cli, sandbox: SandboxPortal, result: object, place: str
) -> None:
    sandbox.inject(_raw(result), method="placement.get")
    assert cli("list", "--profile", "sbx") == 3
    assert f"The answer to placement.get has a value of the wrong kind at {place}" in cli.stderr
    assert "Traceback" not in cli.stderr


def test_unbind_count_as_text_is_named(cli: Cli, sandbox: SandboxPortal) -> None:
    sandbox.inject(_raw({"count": "two"}), method="placement.unbind")
    assert cli("unbind", "--profile", "sbx", "--placement", "LEFT_MENU") == 3
    assert "placement.unbind" in cli.stderr and "result.count" in cli.stderr


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"result": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", "nests deeper than 64 levels"),
        (b'{"result": [{"placement": "LEFT_MENU", "userId": 1e999}]}', "(1e999)"),
    ],
)
def test_cli_list_of_deep_or_infinite_json_is_explained(
    cli: Cli, sandbox: SandboxPortal, body: bytes, words: str
) -> None:
    sandbox.inject(Fault.raw(body), method="placement.get")
    assert cli("list", "--profile", "sbx") == 3
    assert "The answer to placement.get" in cli.stderr and words in cli.stderr
    assert "RecursionError" not in cli.stderr and "OverflowError" not in cli.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[" * 5000 + "]" * 5000, "nests deeper than 64 levels"),
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example.com/", "USER_ID": 1e999}',
            "holds a number no computer can store: 1e999",
        ),
        (
            '{"PLACEMENT": "LEFT_MENU", "PLACEMENT": "IM_SIDEBAR", "HANDLER": "https://a.b.com/"}',
            "has the key “PLACEMENT” twice in the top level",
        ),
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.b.com/", "OPTIONS": ["x"]}',
            "wrong kind at OPTIONS: an object of option names and values, not a list",
        ),
        (
            '{"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.b.com/", "LANG_ALL": {"de": "Menü"}}',
            "wrong kind at LANG_ALL.de: an object with TITLE",
        ),
    ],
)
def test_bind_from_a_bad_file_names_the_file_and_place_and_sends_nothing(
    cli: Cli, sandbox: SandboxPortal, tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "widget.json"
    path.write_text(content, encoding="utf-8")
    assert cli("bind", "--profile", "sbx", "--from", str(path)) == 2
    assert f"{path} " in cli.stderr and words in cli.stderr
    assert [c for c in sandbox.received if c.method == "placement.bind"] == []
