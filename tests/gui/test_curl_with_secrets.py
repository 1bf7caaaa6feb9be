"""“Copy as curl with secrets”: the one command that carries the real token or webhook URL, and
it really works against the sandbox portal."""

from __future__ import annotations

import json
import shlex

import pytest
import requests
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind
from b24admin.gui.curl_with_secrets import curl_with_secrets
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.portal_clients import open_portal_client
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.conftest import WindowFactory

MENU = BindRequest(placement="LEFT_MENU", handler="https://app.example.com/menu", title="Menu")


def _url_and_body(command: str) -> tuple[str, dict[str, object]]:
    words = shlex.split(command.replace(" \\\n", " "))
    assert words[:4] == ["curl", "-sS", "-X", "POST"] and words[-2] == "--data"
    return words[4], json.loads(words[-1])


def test_oauth_command_carries_the_access_token_and_binds_when_run(
    sandbox_profile: Profile,
    service: ProfileService,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
) -> None:
    url, body = _url_and_body(curl_with_secrets(open_portal_client, sandbox_profile, service, MENU))

    assert url == f"{sandbox.base_url}/rest/placement.bind.json"
    assert body == {**MENU.to_wire(), "auth": sandbox_tokens.access_token}
    assert requests.post(url, json=body, timeout=10).json()["result"] is True
    assert [b["handler"] for b in sandbox.bindings(sandbox_app.client_id)] == [MENU.handler]


def test_webhook_command_posts_to_the_webhook_url_without_an_auth_field(
    service: ProfileService, sandbox: SandboxPortal
) -> None:
    webhook_url = sandbox.add_webhook()
    hook = Profile(name="hook", auth=AuthKind.WEBHOOK, portal_url=sandbox.base_url)
    service.save(hook, {SecretKind.WEBHOOK_URL: webhook_url})

    url, body = _url_and_body(curl_with_secrets(open_portal_client, hook, service, MENU))

    assert url == webhook_url.rstrip("/") + "/placement.bind.json"
    assert body == MENU.to_wire()


def test_confirmed_copy_puts_the_command_on_the_clipboard_and_warns(
    make_window: WindowFactory,
    sandbox_profile: Profile,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    window = make_window(dialogs=RecordingDialogs(confirm_answer=True))
    window.form.set_request(MENU)
    QGuiApplication.clipboard().clear()

    window.form.preview.copy_secrets_action.trigger()

    qtbot.waitUntil(lambda: sandbox_tokens.access_token in QGuiApplication.clipboard().text())
    assert "paste it only where it stays private" in window.statusBar().currentMessage()


@pytest.mark.parametrize("kind", ["oauth", "webhook"])
def test_preview_and_plain_curl_never_show_the_profiles_secret(
    kind: str,
    make_window: WindowFactory,
    sandbox_profile: Profile,
    sandbox_tokens: TokenPair,
    service: ProfileService,
    sandbox: SandboxPortal,
    qtbot: QtBot,
) -> None:
    """The profile really holds a secret (the copy WITH secrets shows it), yet neither the
    preview nor the plain "Copy curl" ever carries it."""
    if kind == "oauth":
        secret = sandbox_tokens.access_token
    else:
        webhook_url = sandbox.add_webhook()
        secret = webhook_url.rstrip("/").rsplit("/", 1)[-1]
        hook = Profile(name="hook", auth=AuthKind.WEBHOOK, portal_url=sandbox.base_url)
        service.save(hook, {SecretKind.WEBHOOK_URL: webhook_url})
    window = make_window(dialogs=RecordingDialogs(confirm_answer=True))
    if kind == "webhook":
        window.reload_profiles(select="hook")
    window.form.set_request(MENU)
    clipboard = QGuiApplication.clipboard()

    window.form.preview.copy_secrets_action.trigger()
    qtbot.waitUntil(lambda: secret in clipboard.text())  # the secret is there to leak

    window.form.preview.copy_curl_button.click()
    assert clipboard.text().startswith("curl ") and secret not in clipboard.text()
    assert secret not in window.form.preview.text.toPlainText()
    assert secret not in window.form.preview.curl()
