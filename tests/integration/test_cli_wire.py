"""The command line against portals that misbehave on the wire: a whole-call deadline set by
``--timeout`` or B24ADMIN_TIMEOUT, redirects, oversized and malformed answers."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.cli_support import Cli
from tests.misbehaving_http import (
    Behaviour,
    MisbehavingServer,
    misbehaving_server,
    redirect,
    trickle_body,
)

SECRETS = {"client_secret": "s" * 20, "access_token": "a" * 32, "refresh_token": "r" * 32}


@pytest.fixture
def cli(config_dir: Path) -> Cli:
    return Cli(config_dir)


def _profile_for(cli: Cli, server: MisbehavingServer, name: str = "slow") -> str:
    code = cli(
        "profile",
        "add",
        name,
        "--auth",
        "oauth",
        "--portal",
        server.url,
        "--client-id",
        "local.0123456789abcd.01234567",
        "--oauth-server",
        server.url,
        stdin=json.dumps(SECRETS),
    )
    assert code == 0, cli.stderr
    return name


@pytest.fixture
def trickling(cli: Cli) -> Iterator[str]:
    with misbehaving_server(trickle_body(0.05)) as server:
        yield _profile_for(cli, server)


def _timed(cli: Cli, *argv: str) -> tuple[int, float]:
    started = time.monotonic()
    code = cli(*argv)
    return code, time.monotonic() - started


@pytest.mark.parametrize(
    "argv",
    [
        ("--timeout", "0.3", "list", "--profile", "slow"),
        ("list", "--profile", "slow", "--timeout", "0.3"),
    ],
)
def test_timeout_option_ends_a_trickling_answer_with_exit_3(
    cli: Cli, trickling: str, argv: tuple[str, ...]
) -> None:
    code, elapsed = _timed(cli, *argv)
    assert code == 3
    assert "Error: The portal did not finish answering within 0.3 s." in cli.stderr
    assert elapsed < 5.0
    assert "Traceback" not in cli.stderr


def test_the_environment_sets_the_deadline_too(
    cli: Cli, trickling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("B24ADMIN_TIMEOUT", "0.3")
    code, elapsed = _timed(cli, "list", "--profile", trickling)
    assert code == 3
    assert "within 0.3 s" in cli.stderr
    assert elapsed < 5.0


def test_a_bind_that_misses_the_deadline_says_it_may_have_happened(
    cli: Cli, trickling: str
) -> None:
    widget = ("--placement", "LEFT_MENU", "--handler", "https://app.example.com/menu")
    assert cli("--timeout", "0.3", "bind", "--profile", trickling, *widget) == 3
    assert "may or may not have been made" in cli.stderr


def test_the_option_wins_over_the_environment_and_lasts_one_run(
    cli: Cli, trickling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("B24ADMIN_TIMEOUT", "30")
    assert cli("--timeout", "0.2", "list", "--profile", trickling) == 3
    assert "within 0.2 s" in cli.stderr
    monkeypatch.setenv("B24ADMIN_TIMEOUT", "0.3")
    assert cli("list", "--profile", trickling) == 3
    assert "within 0.3 s" in cli.stderr  # the previous run's --timeout is gone


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf"])
def test_a_bad_timeout_is_invalid_input(cli: Cli, value: str) -> None:
    assert cli("--timeout", value, "profile", "list") == 2
    assert f"The time limit --timeout “{value}” is not a positive number" in cli.stderr


def test_a_bad_environment_timeout_is_invalid_input(
    cli: Cli, trickling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("B24ADMIN_TIMEOUT", "soon")
    assert cli("list", "--profile", trickling) == 2
    assert "B24ADMIN_TIMEOUT “soon”" in cli.stderr


def _run_against(cli: Cli, behaviour: Behaviour, *argv: str) -> int:
    with misbehaving_server(behaviour) as server:
        name = _profile_for(cli, server, "odd")
        return cli(*argv, "--profile", name)


def test_a_moved_portal_names_the_new_address(cli: Cli) -> None:
    moved = redirect("https://new-name.bitrix24.com/rest/placement.get.json")
    assert _run_against(cli, moved, "list") == 3
    assert "redirect (HTTP 301) to another host: https://new-name.bitrix24.com" in cli.stderr
    assert "portal moved" in cli.stderr
    assert "empty answer" not in cli.stderr
