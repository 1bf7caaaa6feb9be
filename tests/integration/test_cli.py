"""The command line against the sandbox portal over real HTTP (in-process, session secrets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from b24admin.core.secrets import SecretKind
from b24admin.sandbox import Fault, SandboxPortal
from tests.integration.cli_support import Cli, demo_app_secrets

IM_SIDEBAR_ARGS = [
    "--placement",
    "IM_SIDEBAR",
    "--handler",
    "https://app.example.com/sidebar",
    "--lang",
    "en:Tools:Helpful tools",
    "--lang",
    "de:Werkzeuge",
    "--option",
    "iconName=fa-rocket",
    "--option",
    "extranet=Y",
    "--option",
    "context=USER;CHAT",
    "--option",
    "role=ADMIN",
    "--option",
    "color=AZURE",
]


@pytest.fixture
def cli(config_dir: Path) -> Cli:
    return Cli(config_dir)


@pytest.fixture
def oauth_secrets(sandbox: SandboxPortal) -> dict[str, str]:
    return demo_app_secrets(sandbox)


@pytest.fixture
def portal_profile(cli: Cli, sandbox: SandboxPortal, oauth_secrets: dict[str, str]) -> str:
    return cli.add_profile("sbx", sandbox, oauth_secrets)


def test_profile_add_keeps_secrets_out_of_config_and_output(
    cli: Cli, portal_profile: str, oauth_secrets: dict[str, str], config_dir: Path
) -> None:
    assert cli("profile", "list") == 0
    assert "sbx" in cli.stdout
    on_disk = "".join(p.read_text(errors="replace") for p in config_dir.rglob("*") if p.is_file())
    for secret in oauth_secrets.values():
        assert secret not in on_disk
        assert secret not in cli.stdout + cli.stderr


def test_bind_im_sidebar_with_languages_and_all_options_then_list_shows_it(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal
) -> None:
    assert cli("bind", "--profile", portal_profile, *IM_SIDEBAR_ARGS) == 0, cli.stderr
    sent = next(c for c in reversed(sandbox.received) if c.method == "placement.bind")
    assert sent.params["PLACEMENT"] == "IM_SIDEBAR"
    assert sent.params["LANG_ALL"] == {
        "en": {"TITLE": "Tools", "DESCRIPTION": "Helpful tools"},
        "de": {"TITLE": "Werkzeuge"},
    }
    assert sent.params["OPTIONS"] == {
        "iconName": "fa-rocket",
        "extranet": "Y",
        "context": "USER;CHAT",
        "role": "ADMIN",
        "color": "AZURE",
    }
    assert cli("list", "--profile", portal_profile, "--json") == 0
    (listed,) = json.loads(cli.stdout)
    assert listed["placement"] == "IM_SIDEBAR"
    assert listed["handler"] == "https://app.example.com/sidebar"
    assert listed["options"]["color"] == "AZURE"
    assert listed["langAll"]["de"]["TITLE"] == "Werkzeuge"
    assert cli("list", "--profile", portal_profile) == 0
    assert "IM_SIDEBAR" in cli.stdout and "Werkzeuge" in cli.stdout


def test_bind_reminds_that_an_unfinished_installation_hides_the_widget(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal
) -> None:
    assert cli("bind", "--profile", portal_profile, *IM_SIDEBAR_ARGS) == 0
    assert "Reminder" not in cli.stdout
    sandbox.set_installed(sandbox.app().client_id, False)
    args = list(IM_SIDEBAR_ARGS)
    args[args.index("--handler") + 1] = "https://app.example.com/sidebar-2"
    assert cli("bind", "--profile", portal_profile, *args) == 0
    assert "stays invisible until it is (BX24.installFinish())" in cli.stdout


def test_invalid_input_lists_every_problem_and_sends_nothing(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal
) -> None:
    before = len(sandbox.received)
    code = cli(
        "bind",
        "--profile",
        portal_profile,
        "--placement",
        "IM_SIDEBAR",
        "--handler",
        "https://localhost/x",
        "--option",
        "context=USER; CHAT",
        "--option",
        "iconName=" + "a" * 51,
    )
    assert code == 2
    assert "HANDLER" in cli.stderr
    assert "OPTIONS.context" in cli.stderr
    assert "OPTIONS.iconName" in cli.stderr
    assert "Nothing was sent" in cli.stderr
    assert len(sandbox.received) == before


def test_duplicate_bind_exits_1_with_the_portal_code(cli: Cli, portal_profile: str) -> None:
    assert cli("bind", "--profile", portal_profile, *IM_SIDEBAR_ARGS) == 0
    assert cli("bind", "--profile", portal_profile, *IM_SIDEBAR_ARGS) == 1
    assert "ERROR_CORE" in cli.stderr
    assert "What to do:" in cli.stderr


def test_webhook_profile_bind_explains_wrong_auth_type(cli: Cli, sandbox: SandboxPortal) -> None:
    webhook = sandbox.add_webhook()
    assert (
        cli(
            "profile",
            "add",
            "hook",
            "--auth",
            "webhook",
            stdin=json.dumps({"webhook_url": webhook}),
        )
        == 0
    )
    assert "WRONG_AUTH_TYPE" in cli.stdout  # said when the profile is added, before any bind
    assert cli("bind", "--profile", "hook", *IM_SIDEBAR_ARGS) == 1
    assert "WRONG_AUTH_TYPE" in cli.stderr
    assert "local application" in cli.stderr.lower()
    secret_segment = webhook.rstrip("/").rsplit("/", 1)[-1]
    assert secret_segment not in cli.stdout + cli.stderr


def test_dry_run_prints_the_request_redacted_and_sends_nothing(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal, oauth_secrets: dict[str, str]
) -> None:
    before = len(sandbox.received)
    assert cli("bind", "--profile", portal_profile, "--dry-run", *IM_SIDEBAR_ARGS) == 0
    printed = json.loads(cli.stdout.split("\n", 1)[1])
    assert printed["auth"] == "<redacted>"
    assert printed["OPTIONS"]["context"] == "USER;CHAT"
    assert len(sandbox.received) == before
    for secret in oauth_secrets.values():
        assert secret not in cli.stdout


def test_bind_from_a_documentation_style_file(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal, tmp_path: Path
) -> None:
    params = {
        "PLACEMENT": "IM_TEXTAREA",
        "HANDLER": "https://app.example.com/textarea",
        "TITLE": "Snippets",
        "OPTIONS": {"iconName": "fa-paperclip", "width": 50, "height": 80},
    }
    path = tmp_path / "widget.json"
    path.write_text(json.dumps(params))
    assert cli("bind", "--profile", portal_profile, "--from", str(path)) == 0, cli.stderr
    bound = sandbox.bindings(sandbox.received[-1].client_id)
    assert bound[-1]["placement"] == "IM_TEXTAREA"
    assert int(bound[-1]["options"]["width"]) == 50


def test_unbind_reports_how_many_were_removed(cli: Cli, portal_profile: str) -> None:
    assert cli("bind", "--profile", portal_profile, *IM_SIDEBAR_ARGS) == 0
    unbind = ("unbind", "--profile", portal_profile, "--placement", "IM_SIDEBAR")
    assert cli(*unbind, "--handler", "https://app.example.com/sidebar") == 0
    assert "Removed 1 widget" in cli.stdout
    assert cli(*unbind, "--handler", "https://app.example.com/sidebar") == 0
    assert "Nothing matched" in cli.stdout


def test_portal_error_injected_mid_call_is_exit_1_and_html_page_is_exit_3(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal
) -> None:
    sandbox.inject(Fault.error("ACCESS_DENIED", "Access denied!", status=403))
    assert cli("list", "--profile", portal_profile) == 1
    assert "ACCESS_DENIED" in cli.stderr
    sandbox.inject(Fault.html_502())
    assert cli("list", "--profile", portal_profile) == 3
    assert "HTML_RESPONSE" in cli.stderr


def test_unreachable_portal_is_exit_3(
    cli: Cli, portal_profile: str, sandbox: SandboxPortal
) -> None:
    sandbox.stop()
    assert cli("list", "--profile", portal_profile) == 3
    assert "Error:" in cli.stderr


def test_unknown_profile_and_bad_arguments_are_invalid_input(cli: Cli) -> None:
    assert cli("list", "--profile", "nope") == 2
    assert "nope" in cli.stderr
    widget = ("--placement", "LEFT_MENU", "--handler", "https://app.example.com/menu")
    assert cli("bind", "--profile", "x", *widget, "--lang", "broken") == 2
    assert "BAD_LANG" in cli.stderr and "--lang 'broken'" in cli.stderr
    assert cli("bind", "--profile", "x", *widget, "--option", "iconName") == 2
    assert "BAD_OPTION" in cli.stderr
    assert cli("bind", "--profile", "x", "--lang", "de:Werkzeuge") == 2
    assert "MISSING_ARGUMENT" in cli.stderr


def test_missing_secrets_on_stdin_are_named(cli: Cli, sandbox: SandboxPortal) -> None:
    code = cli(
        "profile",
        "add",
        "p",
        "--auth",
        "oauth",
        "--portal",
        sandbox.base_url,
        "--client-id",
        "local.x.y",
        stdin=json.dumps({"client_secret": "s"}),
    )
    assert code == 2
    assert "access_token" in cli.stderr and "refresh_token" in cli.stderr


def test_profile_remove_forgets_the_secrets(cli: Cli, portal_profile: str) -> None:
    assert cli("profile", "remove", portal_profile) == 0
    assert cli("profile", "list") == 0
    assert "No profiles" in cli.stdout
    for kind in SecretKind:
        assert cli.secrets.get(portal_profile, kind) is None


def test_bad_input_words_come_from_the_error_catalogue(cli: Cli, tmp_path: Path) -> None:
    from b24admin.core.error_catalogue import CATALOGUE

    def said(key: str, **values: str) -> tuple[str, str]:
        summary, advice = CATALOGUE[key]
        return summary.format(**values), advice.format(**values)

    assert cli("profile", "add", "p", "--auth", "webhook", stdin="[1, 2]") == 2
    summary, advice = said("BAD_SECRETS_JSON/not_object")
    assert f"Error: {summary}" in cli.stderr and advice in cli.stderr

    assert cli("profile", "add", "p", "--auth", "webhook", stdin="{not json") == 2
    assert said("BAD_SECRETS_JSON")[0] in cli.stderr and '{"client_secret"' in cli.stderr

    broken = tmp_path / "widget.json"
    broken.write_text("{", encoding="utf-8")
    assert cli("bind", "--profile", "x", "--from", str(broken)) == 2
    assert f"Error: {broken} is not valid JSON (line 1)." in cli.stderr
    assert CATALOGUE["BAD_JSON_FILE/syntax"][1] in cli.stderr

    missing = tmp_path / "absent.json"
    assert cli("bind", "--profile", "x", "--from", str(missing)) == 2
    assert f"Error: Cannot read {missing}: " in cli.stderr

    assert cli("bind", "--profile", "x", "--handler", "https://app.example.com/menu") == 2
    summary, advice = said("MISSING_ARGUMENT/bind")
    assert f"Error: {summary}" in cli.stderr and advice in cli.stderr
