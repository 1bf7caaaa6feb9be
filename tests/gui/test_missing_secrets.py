"""A profile whose secrets are not in its store (a new computer, a reset keyring) is said up
front: the notice under the status line with "Edit profile…", Bind disabled with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind
from b24admin.gui.main_window import MainWindow
from b24admin.gui.profile.profile_dialog import ProfileDialog
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import child, fill_minimal_sidebar

ALL_THREE = "a client secret, an access token and a refresh token"


def _profile_without_secrets(
    service: ProfileService, sandbox: SandboxPortal, app: SandboxApp
) -> Profile:
    """A profile in profiles.json whose keyring entries are gone."""
    profile = Profile(
        name="Production",
        auth=AuthKind.OAUTH,
        portal_url=sandbox.base_url,
        client_id=app.client_id,
        oauth_server=sandbox.oauth_server_url,
    )
    service.store.save_profile(profile)
    return profile


def _notice(window: MainWindow) -> QFrame:
    return child(window, QFrame, "missingSecretsBar")


def test_missing_secrets_are_said_at_once_and_bind_says_why_it_is_off(
    make_window: WindowFactory,
    service: ProfileService,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    qtbot: QtBot,
) -> None:
    _profile_without_secrets(service, sandbox, sandbox_app)
    window = make_window()
    qtbot.waitUntil(_notice(window).isVisible)
    text = child(window, QLabel, "missingSecretsLabel").text()
    assert ALL_THREE in text and "“Production”" in text
    fill_minimal_sidebar(window.form)  # a valid form: only the secrets hold Bind back
    bind = child(window, QPushButton, "bindButton")
    assert not bind.isEnabled()
    assert ALL_THREE in bind.toolTip()
    handler = child(window, QLineEdit, "handlerEdit")
    handler.setFocus()
    qtbot.keyClick(handler, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not window.bind_flow.running  # Ctrl+Enter did not start a bind either
    assert window.runner.wait_for_done(5000)
    assert sandbox.bindings(sandbox_app.client_id) == []


def test_one_missing_secret_is_named_alone(
    make_window: WindowFactory,
    service: ProfileService,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    qtbot: QtBot,
) -> None:
    profile = _profile_without_secrets(service, sandbox, sandbox_app)
    service.secrets.set(profile.name, SecretKind.CLIENT_SECRET, sandbox_app.client_secret)
    service.secrets.set(profile.name, SecretKind.ACCESS_TOKEN, "still-here")
    window = make_window()
    qtbot.waitUntil(_notice(window).isVisible)
    text = child(window, QLabel, "missingSecretsLabel").text()
    assert "needs a refresh token, which" in text and "enter it again" in text


def test_edit_profile_from_the_notice_and_entering_them_enables_bind(
    make_window: WindowFactory,
    service: ProfileService,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    qtbot: QtBot,
) -> None:
    _profile_without_secrets(service, sandbox, sandbox_app)
    tokens: TokenPair = sandbox.issue_tokens(sandbox_app.client_id)
    window = make_window()
    qtbot.waitUntil(_notice(window).isVisible)
    fill_minimal_sidebar(window.form)
    child(window, QPushButton, "fixSecretsButton").click()
    dialog = window.findChild(ProfileDialog)
    assert isinstance(dialog, ProfileDialog) and dialog.editing
    for name, value in (
        ("clientSecretEdit", sandbox_app.client_secret),
        ("accessTokenEdit", tokens.access_token),
        ("refreshTokenEdit", tokens.refresh_token),
    ):
        field = child(dialog, QLineEdit, name)
        field.setFocus()
        qtbot.keyClicks(field, value)
    with qtbot.waitSignal(window.profilesReloaded, timeout=10_000):
        child(dialog, QPushButton, "saveButton").click()
    bind = child(window, QPushButton, "bindButton")
    qtbot.waitUntil(bind.isEnabled)
    assert not _notice(window).isVisible()


def test_a_profile_with_its_secrets_shows_no_notice(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    assert sandbox_window.runner.wait_for_done(5000)
    QApplication.processEvents()  # the check's answer is delivered
    assert not _notice(sandbox_window).isVisible()
    fill_minimal_sidebar(sandbox_window.form)
    assert child(sandbox_window, QPushButton, "bindButton").isEnabled()


def test_switching_profile_clears_the_status_bar(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot
) -> None:
    for name in ("A", "B"):
        service.store.save_profile(
            Profile(
                name=name, auth=AuthKind.OAUTH, portal_url="https://x.bitrix24.com", client_id="l.1"
            )
        )
    window = make_window()
    window.statusBar().showMessage("Registered the IM_SIDEBAR widget on A.")
    combo = window.connection.profile_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert window.connection.current_profile_name() == "B"
    assert window.statusBar().currentMessage() == ""
    assert window.runner.wait_for_done(5000)


def test_the_profile_dialog_says_which_secrets_are_missing(
    make_window: WindowFactory,
    service: ProfileService,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    qtbot: QtBot,
) -> None:
    profile = _profile_without_secrets(service, sandbox, sandbox_app)
    service.secrets.set(profile.name, SecretKind.CLIENT_SECRET, sandbox_app.client_secret)
    window = make_window()
    qtbot.waitUntil(_notice(window).isVisible)
    fix = child(window, QPushButton, "fixSecretsButton")
    fix.setFocus()
    qtbot.keyClick(fix, Qt.Key.Key_Space)
    dialog = window.findChild(ProfileDialog)
    assert isinstance(dialog, ProfileDialog)
    access = child(dialog, QLineEdit, "accessTokenEdit")
    refresh = child(dialog, QLineEdit, "refreshTokenEdit")
    qtbot.waitUntil(lambda: access.placeholderText() == "missing — enter it")
    assert refresh.placeholderText() == "missing — enter it"
    # The client secret is still in the store: an empty field keeps it.
    secret = child(dialog, QLineEdit, "clientSecretEdit")
    assert secret.placeholderText() == "(kept in the store; leave empty to keep)"
    assert window.runner.wait_for_done(5000)
