"""Bad ports and invisible host characters: in the CLI's list of problems, exit 2, none sent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from b24admin.sandbox import SandboxPortal
from tests.integration.cli_support import Cli, demo_app_secrets


@pytest.fixture
def cli(config_dir: Path) -> Cli:
    return Cli(config_dir)


@pytest.mark.parametrize(
    ("handler", "named"),
    [
        ("https://app.example.com:99999/menu", "port 99999"),
        ("https://app.example.com:0/menu", "port 0"),
        ("https://app\u200b.example.com/menu", "U+200B ZERO WIDTH SPACE"),
    ],
)
def test_a_bad_handler_port_or_host_is_a_problem_and_nothing_is_sent(
    cli: Cli, sandbox: SandboxPortal, handler: str, named: str
) -> None:
    profile = cli.add_profile("sbx", sandbox, demo_app_secrets(sandbox))
    before = len(sandbox.received)
    code = cli("bind", "--profile", profile, "--placement", "LEFT_MENU", "--handler", handler)
    assert code == 2
    assert "HANDLER" in cli.stderr and named in cli.stderr
    assert "Nothing was sent" in cli.stderr
    assert len(sandbox.received) == before


def test_a_portal_address_with_port_0_is_refused_by_profile_add(
    cli: Cli, sandbox: SandboxPortal
) -> None:
    code = cli(
        "profile",
        "add",
        "bad",
        "--auth",
        "oauth",
        "--portal",
        "https://b24.example.org:0",
        "--client-id",
        sandbox.app().client_id,
        stdin=json.dumps(demo_app_secrets(sandbox)),
    )
    assert code == 2
    assert "port 0" in cli.stderr and "65535" in cli.stderr
    assert cli("profile", "list") == 0 and "bad" not in cli.stdout
