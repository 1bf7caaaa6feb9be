"""The connection check over real HTTP against the sandbox portal."""

from __future__ import annotations

import pytest

from b24admin.core.client import PortalClient, RetryPolicy
from b24admin.core.credentials import WebhookCredentials
from b24admin.core.diagnostics import check_connection
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profiles import AuthKind
from b24admin.sandbox import Fault, SandboxApp, SandboxPortal, TokenPair
from tests.integration.sync_support import credentials_for


def oauth_client(sandbox: SandboxPortal, app: SandboxApp, tokens: TokenPair) -> PortalClient:
    return PortalClient(credentials_for(sandbox, app, tokens), retry=RetryPolicy(attempts=1))


def test_installed_app_of_an_administrator_is_ready(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    with oauth_client(sandbox, sandbox_app, sandbox_tokens) as client:
        report = check_connection(client, auth_kind=AuthKind.OAUTH)

    assert (report.installed, report.is_admin, report.has_placement_scope) == (True, True, True)
    assert report.ready and report.problems == []
    assert "crm" in report.scopes and "placement" in report.scopes
    assert report.unlocks["crm"] == {"CRM": report.unlocks["crm"]["CRM"]}
    assert report.unlocks["crm"]["CRM"] > 10
    lines = report.lines()
    assert lines[0].startswith("✓ The application is installed")
    assert "✓ You are a portal administrator." in lines
    assert "✓ The “placement” scope is granted." in lines
    assert any(line.startswith("• Scope “crm” unlocks: CRM (") for line in lines)
    assert any("Messenger" in line for line in lines if "placement” alone" in line)
    assert [c.method for c in sandbox.received] == ["app.info", "user.admin", "scope"]


def test_uninstalled_app_says_widgets_stay_invisible(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.set_installed(sandbox_app.client_id, False)
    with oauth_client(sandbox, sandbox_app, sandbox_tokens) as client:
        report = check_connection(client)

    assert report.installed is False and not report.ready
    assert report.lines()[0].startswith("✗ The application is not installed yet")
    assert "stay invisible to everyone" in report.lines()[0]


def test_a_user_who_is_not_an_administrator_is_told_bind_will_be_refused(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    sandbox.add_user(2, admin=False)
    tokens = sandbox.issue_tokens(sandbox_app.client_id, user_id=2)
    with oauth_client(sandbox, sandbox_app, tokens) as client:
        report = check_connection(client)

    assert report.is_admin is False and not report.ready
    assert any(line.startswith("✗ The signed-in user is not") for line in report.lines())


def test_missing_placement_scope_is_reported(sandbox: SandboxPortal) -> None:
    app = sandbox.register_app("local.noplacement.1", scopes=("crm", "basic"))
    tokens = sandbox.issue_tokens(app.client_id)
    with oauth_client(sandbox, app, tokens) as client:
        report = check_connection(client)

    assert report.has_placement_scope is False and report.scopes == ["basic", "crm"]
    assert any(line.startswith("✗ The “placement” scope is missing") for line in report.lines())
    assert not any("unlocks" in line for line in report.lines())


def test_webhook_is_reported_as_unable_to_register_widgets_but_lists_scopes(
    sandbox: SandboxPortal,
) -> None:
    webhook = sandbox.add_webhook()
    with PortalClient(WebhookCredentials(webhook), retry=RetryPolicy(attempts=1)) as client:
        report = check_connection(client)

    assert report.is_webhook and report.auth_kind is AuthKind.WEBHOOK
    assert report.installed is None and not report.ready
    assert "does not let webhooks register widgets" in report.lines()[0]
    assert report.lines()[0].startswith("✗ ")
    assert report.is_admin is True and "placement" in report.scopes
    assert any(line.startswith("• Granted scopes:") for line in report.lines())


def test_a_portal_that_answers_html_fails_the_whole_check(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.html_502(), method="app.info")
    with oauth_client(sandbox, sandbox_app, sandbox_tokens) as client:
        with pytest.raises(B24Error) as raised:
            check_connection(client)
    assert raised.value.kind is ErrorKind.PROTOCOL


def test_one_refused_question_is_reported_not_fatal(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.inject(Fault.error("INTERNAL_SERVER_ERROR", "Internal error", 500), method="user.admin")
    with oauth_client(sandbox, sandbox_app, sandbox_tokens) as client:
        report = check_connection(client)

    assert report.installed is True and report.is_admin is None and not report.ready
    admin_line = report.lines()[1]
    assert admin_line.startswith("• Could not find out whether you are an administrator: ")
