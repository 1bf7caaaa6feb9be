"""The profile dialog against the sandbox portal: tokens three ways, secrets stored on Save.

The secret store is a SessionSecretStore, or the real system keyring when
B24ADMIN_SECRET_SERVICE=1 (``make test`` starts a private Secret Service for that).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.connection import open_client
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import KeyringSecretStore, SecretKind, SecretStore, SessionSecretStore
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.profile_dialog import ProfileDialog
from b24admin.gui.workers import JobRunner
from b24admin.sandbox import SandboxApp, SandboxPortal

REAL_KEYRING = os.environ.get("B24ADMIN_SECRET_SERVICE") == "1"


@pytest.fixture
def portal() -> Iterator[SandboxPortal]:
    with SandboxPortal() as sandbox:
        yield sandbox


@pytest.fixture
def app(portal: SandboxPortal) -> SandboxApp:
    return portal.register_app()


@pytest.fixture
def secrets_store() -> Iterator[SecretStore]:
    store: SecretStore = (
        KeyringSecretStore("b24admin-tests") if REAL_KEYRING else (SessionSecretStore())
    )
    yield store
    if REAL_KEYRING:
        for name in ("work", "renamed", "hook"):
            store.delete_profile(name)


@pytest.fixture
def service(config_dir: Path, secrets_store: SecretStore) -> ProfileService:
    return ProfileService(ProfileStore(config_dir), secrets_store, SessionSecretStore())


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    jobs = JobRunner()
    yield jobs
    assert jobs.wait_for_done(10_000), "a job outlived its test"


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


class Browser:
    """Plays the system browser: GETs the authorize URL in a thread, following the sandbox's
    302 to the catcher. ``tamper_state`` forges the state the portal echoes back."""

    def __init__(self, portal: SandboxPortal, app: SandboxApp, dialog: ProfileDialog) -> None:
        self.portal, self.app, self.dialog = portal, app, dialog
        self.tamper_state = False
        self.urls: list[str] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        self.urls.append(url)
        # The administrator entered the dialog's redirect URL as the app's handler path.
        redirect = self.dialog.oauth_panel.redirect_url_label.text()
        self.portal.set_redirect_uri(self.app.client_id, redirect)
        if self.tamper_state:
            parts = urlsplit(url)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            query["state"] = "forged-by-someone-else"
            url = urlunsplit(parts._replace(query=urlencode(query)))
        thread = threading.Thread(target=lambda: requests.get(url, timeout=10), daemon=True)
        self.threads.append(thread)
        thread.start()
        return True

    def join(self) -> None:
        for thread in self.threads:
            thread.join(10)


def open_dialog(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    profile: Profile | None = None,
) -> ProfileDialog:
    dialog = ProfileDialog.open_for(parent, runner, service, profile, dialogs=dialogs)
    qtbot.waitUntil(lambda: dialog.store_label.text().startswith(("Secrets are", "Secrets cannot")))
    return dialog


def edit(dialog: QWidget, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def button(dialog: QWidget, name: str) -> QPushButton:
    widget = dialog.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def fill_oauth(dialog: ProfileDialog, portal: SandboxPortal, app: SandboxApp) -> None:
    edit(dialog, "nameEdit").setText("work")
    edit(dialog, "portalEdit").setText(portal.base_url)
    edit(dialog, "clientIdEdit").setText(app.client_id)
    edit(dialog, "clientSecretEdit").setText(app.client_secret)
    edit(dialog, "oauthServerEdit").setText(portal.oauth_server_url)


def files_text(directory: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in directory.rglob("*") if p.is_file())


def test_oauth_profile_from_pasted_tokens_stores_secrets_and_nothing_secret_on_disk(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
    config_dir: Path,
) -> None:
    tokens = portal.issue_tokens(app.client_id)
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    fill_oauth(dialog, portal, app)
    dialog.oauth_panel.tabs.setCurrentIndex(2)
    edit(dialog, "accessTokenEdit").setText(tokens.access_token)
    edit(dialog, "refreshTokenEdit").setText(tokens.refresh_token)
    assert dialog.save_button.isEnabled(), dialog.save_button.toolTip()

    with qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        dialog.save_button.click()

    assert portal.received == []  # secrets were stored before any call to the portal
    profile = saved.args[0]
    assert profile == service.store.get("work")
    assert profile.auth is AuthKind.OAUTH and profile.client_id == app.client_id
    store = service.secret_store_for(profile)
    assert store.get("work", SecretKind.CLIENT_SECRET) == app.client_secret
    assert store.get("work", SecretKind.ACCESS_TOKEN) == tokens.access_token
    assert store.get("work", SecretKind.REFRESH_TOKEN) == tokens.refresh_token
    on_disk = files_text(config_dir)
    assert app.client_id in on_disk  # the profile itself is there ...
    for secret in (app.client_secret, tokens.access_token, tokens.refresh_token):
        assert secret not in on_disk  # ... its secrets are not
    with open_client(profile, service) as client:  # and the stored tokens really work
        assert client.user_admin() is True


def test_store_label_names_the_keyring_backend(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
) -> None:
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    assert dialog.store_label.text() == f"Secrets are stored in: {service.secrets.backend_name}"
    assert dialog.keyring_box.isHidden()


def test_webhook_profile_warns_that_webhooks_cannot_register_widgets(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
) -> None:
    webhook = portal.add_webhook()
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
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
    assert edit(dialog, "portalEdit").text() == portal.base_url  # derived from the URL
    assert edit(dialog, "portalEdit").isReadOnly()
    with qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].auth is AuthKind.WEBHOOK
    assert service.secrets.get("hook", SecretKind.WEBHOOK_URL) == webhook


def test_sign_in_with_the_browser_exchanges_the_code_and_save_stores_the_tokens(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    fill_oauth(dialog, portal, app)
    browser = Browser(portal, app, dialog)
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = browser, 0
    assert not dialog.save_button.isEnabled()  # no tokens yet

    with qtbot.waitSignal(sign_in.tokensReceived, timeout=10_000):
        button(dialog, "signInButton").click()
    browser.join()

    assert browser.urls and browser.urls[0].startswith(f"{portal.base_url}/oauth/authorize/?")
    redirect = dialog.oauth_panel.redirect_url_label.text()
    assert redirect.startswith("http://127.0.0.1:") and redirect.endswith("/b24admin/oauth")
    status = dialog.findChild(QLabel, "signInStatusLabel")
    assert status is not None and "tokens received" in status.text()
    assert [c.method for c in portal.received] == []  # only the OAuth server was asked
    with qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        dialog.save_button.click()
    with open_client(saved.args[0], service) as client:
        assert client.app_info()["INSTALLED"] is True


def test_sign_in_rejects_a_redirect_with_a_forged_state(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    fill_oauth(dialog, portal, app)
    browser = Browser(portal, app, dialog)
    browser.tamper_state = True
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = browser, 0

    with qtbot.waitSignal(sign_in.failed, timeout=10_000) as failed:
        button(dialog, "signInButton").click()
    browser.join()

    assert failed.args[0].code == "OAUTH_STATE_MISMATCH"
    shown = dialogs.of_type(ErrorDialog)
    assert len(shown) == 1 and isinstance(shown[0], ErrorDialog)
    assert shown[0].error.code == "OAUTH_STATE_MISMATCH"
    assert edit(dialog, "accessTokenEdit").text() == ""
    assert not dialog.save_button.isEnabled()


def test_pasted_redirect_url_is_checked_and_exchanged(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    portal.set_redirect_uri(app.client_id, "https://app.example.com/installed")
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    fill_oauth(dialog, portal, app)
    opened: list[str] = []

    def browser(url: str) -> bool:
        opened.append(url)
        return True

    dialog.oauth_panel.sign_in.open_browser = browser
    dialog.oauth_panel.tabs.setCurrentIndex(1)
    button(dialog, "openSignInPageButton").click()
    # The administrator signs in; the browser lands on the app's page with code and state.
    answer = requests.get(opened[0], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    edit(dialog, "pasteRedirectEdit").setText(answer.headers["Location"])

    with qtbot.waitSignal(dialog.oauth_panel.sign_in.tokensReceived, timeout=10_000):
        button(dialog, "exchangeButton").click()
    assert edit(dialog, "accessTokenEdit").text() and edit(dialog, "refreshTokenEdit").text()
    assert dialog.save_button.isEnabled()


def test_cancel_sign_in_stops_waiting_without_an_error_dialog(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    fill_oauth(dialog, portal, app)
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = (lambda url: True), 0
    cancel = button(dialog, "cancelSignInButton")
    with qtbot.waitSignal(sign_in.browserOpened, timeout=10_000):
        button(dialog, "signInButton").click()
    assert cancel.isEnabled() and not button(dialog, "signInButton").isEnabled()
    with qtbot.waitSignal(sign_in.failed, timeout=10_000) as failed:
        cancel.click()
    assert failed.args[0].code == "SIGN_IN_CANCELLED"
    assert dialogs.of_type(ErrorDialog) == []
    assert button(dialog, "signInButton").isEnabled()


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real situation of a machine without a keyring: keyring's own "fail" backend."""
    from keyring.backends import fail

    monkeypatch.setattr(KeyringSecretStore, "_backend", staticmethod(fail.Keyring))


def test_without_a_keyring_the_dialog_says_so_and_saves_for_the_session_only(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    config_dir: Path,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
    no_keyring: None,
) -> None:
    service = ProfileService(ProfileStore(config_dir), KeyringSecretStore(), SessionSecretStore())
    tokens = portal.issue_tokens(app.client_id)
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    assert dialog.store_label.text() == "Secrets cannot be stored in a keyring."
    assert dialog.keyring_box.isVisible()
    assert "No system keyring" in dialog.keyring_problem.text()
    fill_oauth(dialog, portal, app)
    dialog.oauth_panel.tabs.setCurrentIndex(2)
    edit(dialog, "accessTokenEdit").setText(tokens.access_token)
    edit(dialog, "refreshTokenEdit").setText(tokens.refresh_token)

    # Save anyway: the keyring refuses, the dialog stays open and explains.
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        dialog.save_button.click()
    assert dialog.isVisible() and service.store.get("work") is None
    assert dialog.store_label.text() == "The secrets could not be stored in the keyring."
    assert dialog.keyring_problem.text().startswith("No system keyring is available")
    note = dialog.findChild(QLabel, "sessionOnlyNote")
    assert note is not None and note.isVisible()
    assert "never writes a secret to disk" in note.text()

    with qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        button(dialog, "sessionOnlyButton").click()
    profile = saved.args[0]
    assert profile.session_only
    assert service.session_secrets.get("work", SecretKind.REFRESH_TOKEN) == tokens.refresh_token
    assert tokens.refresh_token not in files_text(config_dir)
    with open_client(profile, service) as client:
        assert client.user_admin() is True


def test_rename_moves_the_secrets_and_empty_fields_keep_them(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    tokens = portal.issue_tokens(app.client_id)
    original = Profile(
        "work", AuthKind.OAUTH, portal.base_url, app.client_id, portal.oauth_server_url
    )
    service.save(
        original,
        {
            SecretKind.CLIENT_SECRET: app.client_secret,
            SecretKind.ACCESS_TOKEN: tokens.access_token,
            SecretKind.REFRESH_TOKEN: tokens.refresh_token,
        },
    )
    dialog = open_dialog(qtbot, parent, runner, service, dialogs, original)
    for name in ("clientSecretEdit", "accessTokenEdit", "refreshTokenEdit"):
        assert edit(dialog, name).text() == ""  # stored secrets are never shown
        assert "leave empty to keep" in edit(dialog, name).placeholderText()
    assert edit(dialog, "clientIdEdit").text() == app.client_id
    edit(dialog, "nameEdit").setText("renamed")

    with qtbot.waitSignal(dialog.profileSaved, timeout=10_000):
        dialog.save_button.click()

    assert [p.name for p in service.store.load()] == ["renamed"]
    assert service.secrets.get("renamed", SecretKind.REFRESH_TOKEN) == tokens.refresh_token
    assert service.secrets.get("renamed", SecretKind.CLIENT_SECRET) == app.client_secret
    assert service.secrets.get("work", SecretKind.REFRESH_TOKEN) is None


def test_problems_show_beside_fields_and_save_says_why_it_is_disabled(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    service.store.save_profile(Profile("work", AuthKind.WEBHOOK, portal.base_url))
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    assert not dialog.save_button.isEnabled()
    assert "Enter a name" in dialog.save_button.toolTip()
    edit(dialog, "nameEdit").setText("work")
    edit(dialog, "portalEdit").setText("http://example.bitrix24.com")
    assert dialog.name_problem.isVisible() and "already exists" in dialog.name_problem.text()
    assert dialog.portal_problem.isVisible() and "https://" in dialog.portal_problem.text()
    edit(dialog, "nameEdit").setText("other")
    edit(dialog, "portalEdit").setText(portal.base_url)
    assert not dialog.name_problem.isVisible() and not dialog.portal_problem.isVisible()
    assert "client_id" in dialog.save_button.toolTip()
    fill_oauth(dialog, portal, app)
    edit(dialog, "nameEdit").setText("other")
    edit(dialog, "accessTokenEdit").setText("only-the-access-token")
    assert "both the access token and the refresh token" in dialog.save_button.toolTip()
    edit(dialog, "refreshTokenEdit").setText("and-the-refresh-token")
    assert dialog.save_button.isEnabled()


def test_every_interactive_widget_has_an_accessible_name_and_a_tooltip(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QTabBar, QTabWidget

    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
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


def test_closing_the_dialog_stops_a_waiting_sign_in(
    qtbot: QtBot,
    parent: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
    app: SandboxApp,
) -> None:
    dialog = open_dialog(qtbot, parent, runner, service, dialogs)
    fill_oauth(dialog, portal, app)
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = (lambda url: True), 0
    with qtbot.waitSignal(sign_in.browserOpened, timeout=10_000):
        button(dialog, "signInButton").click()
    assert runner.busy  # the worker waits for the browser's redirect

    with qtbot.waitSignal(runner.busyChanged, timeout=10_000, check_params_cb=lambda b: not b):
        dialog.reject()
    assert dialogs.of_type(ErrorDialog) == []
