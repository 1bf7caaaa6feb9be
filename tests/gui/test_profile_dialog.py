"""The profile dialog against the sandbox portal: secrets stored on Save (in the keyring, or for
the session when no keyring works), webhooks warned about, renames, inline problems.

The secret store is a SessionSecretStore, or the real system keyring when
B24ADMIN_SECRET_SERVICE=1 (``make test`` starts a private Secret Service for that).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from b24admin.core.connection import open_client
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.gui.profile.token_tabs import PASTE_TOKENS_TAB
from tests.gui.conftest import NoKeyringStore
from tests.gui.profile_dialog_support import DialogEnv, button, dialog_env, edit, files_text


@pytest.fixture
def env(qtbot: QtBot, config_dir: Path) -> Iterator[DialogEnv]:
    yield from dialog_env(qtbot, config_dir)


def test_oauth_profile_from_pasted_tokens_stores_secrets_and_nothing_secret_on_disk(
    env: DialogEnv,
) -> None:
    tokens = env.tokens()
    dialog = env.open()
    env.fill_oauth(dialog)
    dialog.oauth_panel.tabs.setCurrentIndex(PASTE_TOKENS_TAB)
    edit(dialog, "accessTokenEdit").setText(tokens.access_token)
    edit(dialog, "refreshTokenEdit").setText(tokens.refresh_token)
    assert dialog.save_button.isEnabled(), dialog.save_button.toolTip()

    with env.qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        dialog.save_button.click()

    assert env.portal.received == []  # secrets were stored before any call to the portal
    profile = saved.args[0]
    assert profile == env.service.store.get("work")
    assert profile.auth is AuthKind.OAUTH and profile.client_id == env.app.client_id
    store = env.service.secret_store_for(profile)
    assert store.get("work", SecretKind.CLIENT_SECRET) == env.app.client_secret
    assert store.get("work", SecretKind.ACCESS_TOKEN) == tokens.access_token
    assert store.get("work", SecretKind.REFRESH_TOKEN) == tokens.refresh_token
    on_disk = files_text(env.config_dir)
    assert env.app.client_id in on_disk  # the profile itself is there ...
    for secret in (env.app.client_secret, tokens.access_token, tokens.refresh_token):
        assert secret not in on_disk  # ... its secrets are not
    with open_client(profile, env.service) as client:  # and the stored tokens really work
        assert client.user_admin() is True


def test_store_label_names_the_keyring_backend(env: DialogEnv) -> None:
    dialog = env.open()
    assert dialog.store_label.text() == f"Secrets are stored in: {env.service.secrets.backend_name}"
    assert dialog.keyring_box.isHidden()


def test_webhook_profile_warns_that_webhooks_cannot_register_widgets(env: DialogEnv) -> None:
    webhook = env.portal.add_webhook()
    dialog = env.open()
    warning = dialog.findChild(QLabel, "webhookWarning")
    assert warning is not None and not warning.isVisible()
    dialog.auth_kind_combo.setCurrentIndex(dialog.auth_kind_combo.findData(AuthKind.WEBHOOK))
    assert warning.isVisible()
    assert "does not let incoming webhooks register widgets" in warning.text()
    assert "WRONG_AUTH_TYPE" in warning.text() and "Local application" in warning.text()

    edit(dialog, "nameEdit").setText("hook")
    webhook_edit = edit(dialog, "webhookEdit")
    assert webhook_edit.echoMode() is QLineEdit.EchoMode.Password
    webhook_edit.setText(webhook)
    assert edit(dialog, "portalEdit").text() == env.portal.base_url  # derived from the URL
    assert edit(dialog, "portalEdit").isReadOnly()
    with env.qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].auth is AuthKind.WEBHOOK
    assert env.service.secrets.get("hook", SecretKind.WEBHOOK_URL) == webhook


def test_without_a_keyring_the_dialog_says_so_and_saves_for_the_session_only(
    env: DialogEnv,
) -> None:
    env.service = ProfileService(
        ProfileStore(env.config_dir), NoKeyringStore(), SessionSecretStore()
    )
    tokens = env.tokens()
    dialog = env.open()
    assert dialog.store_label.text() == "Secrets cannot be stored in a keyring."
    assert dialog.keyring_box.isVisible()
    assert "No system keyring" in dialog.keyring_problem.text()
    env.fill_oauth(dialog)
    dialog.oauth_panel.tabs.setCurrentIndex(PASTE_TOKENS_TAB)
    edit(dialog, "accessTokenEdit").setText(tokens.access_token)
    edit(dialog, "refreshTokenEdit").setText(tokens.refresh_token)

    # Save anyway: the keyring refuses, the dialog stays open and explains.
    with env.qtbot.waitSignal(env.runner.busyChanged, check_params_cb=lambda busy: not busy):
        dialog.save_button.click()
    assert dialog.isVisible() and env.service.store.get("work") is None
    assert dialog.store_label.text() == "The secrets could not be stored in the keyring."
    assert dialog.keyring_problem.text().startswith("No system keyring is available")
    note = dialog.findChild(QLabel, "sessionOnlyNote")
    assert note is not None and note.isVisible()
    assert "never writes a secret to disk" in note.text()

    with env.qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        button(dialog, "sessionOnlyButton").click()
    profile = saved.args[0]
    assert profile.session_only
    assert env.service.session_secrets.get("work", SecretKind.REFRESH_TOKEN) == tokens.refresh_token
    assert tokens.refresh_token not in files_text(env.config_dir)
    with open_client(profile, env.service) as client:
        assert client.user_admin() is True


def test_rename_moves_the_secrets_and_empty_fields_keep_them(env: DialogEnv) -> None:
    tokens = env.tokens()
    original = Profile(
        "work", AuthKind.OAUTH, env.portal.base_url, env.app.client_id, env.portal.oauth_server_url
    )
    env.service.save(
        original,
        {
            SecretKind.CLIENT_SECRET: env.app.client_secret,
            SecretKind.ACCESS_TOKEN: tokens.access_token,
            SecretKind.REFRESH_TOKEN: tokens.refresh_token,
        },
    )
    dialog = env.open(original)
    for name in ("clientSecretEdit", "accessTokenEdit", "refreshTokenEdit"):
        assert edit(dialog, name).text() == ""  # stored secrets are never shown
        assert "leave empty to keep" in edit(dialog, name).placeholderText()
    assert edit(dialog, "clientIdEdit").text() == env.app.client_id
    edit(dialog, "nameEdit").setText("renamed")

    with env.qtbot.waitSignal(dialog.profileSaved, timeout=10_000):
        dialog.save_button.click()

    assert [p.name for p in env.service.store.load()] == ["renamed"]
    assert env.service.secrets.get("renamed", SecretKind.REFRESH_TOKEN) == tokens.refresh_token
    assert env.service.secrets.get("renamed", SecretKind.CLIENT_SECRET) == env.app.client_secret
    assert env.service.secrets.get("work", SecretKind.REFRESH_TOKEN) is None


def test_problems_show_beside_fields_and_save_says_why_it_is_disabled(env: DialogEnv) -> None:
    env.service.store.save_profile(Profile("work", AuthKind.WEBHOOK, env.portal.base_url))
    dialog = env.open()
    assert not dialog.save_button.isEnabled()
    assert "Enter a name" in dialog.save_button.toolTip()
    # A fresh form is not a wall of red: "still empty" waits until the field was edited.
    assert not dialog.name_problem.isVisible()
    assert not dialog.oauth_panel.client_id_problem.isVisible()
    assert "client_id" in dialog.save_button.toolTip()
    edit(dialog, "nameEdit").setText("work")
    edit(dialog, "portalEdit").setText("http://example.bitrix24.com")
    assert dialog.name_problem.isVisible() and "already exists" in dialog.name_problem.text()
    assert dialog.portal_problem.isVisible() and "https://" in dialog.portal_problem.text()
    edit(dialog, "nameEdit").setText("other")
    edit(dialog, "portalEdit").setText(env.portal.base_url)
    assert not dialog.name_problem.isVisible() and not dialog.portal_problem.isVisible()
    assert "client_id" in dialog.save_button.toolTip()
    env.fill_oauth(dialog)
    edit(dialog, "nameEdit").setText("other")
    edit(dialog, "accessTokenEdit").setText("only-the-access-token")
    assert "both the access token and the refresh token" in dialog.save_button.toolTip()
    edit(dialog, "refreshTokenEdit").setText("and-the-refresh-token")
    assert dialog.save_button.isEnabled()


def test_every_interactive_widget_has_an_accessible_name_and_a_tooltip(env: DialogEnv) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QTabBar, QTabWidget

    dialog = env.open()
    widgets = [
        w
        for kind in (QLineEdit, QAbstractButton, QComboBox, QTabWidget)
        for w in dialog.findChildren(kind)
        # Qt's own parts: the tab bar's scroll arrows and a combo box's inner line edit.
        if not isinstance(w.parent(), (QTabBar, QComboBox)) and not w.objectName().startswith("qt_")
    ]
    assert len(widgets) > 15
    missing = [
        w.objectName() or type(w).__name__
        for w in widgets
        if not w.accessibleName() or not w.toolTip()
    ]
    assert missing == []
