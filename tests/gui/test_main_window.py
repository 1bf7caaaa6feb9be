"""The main window: launch, profiles, the empty state, the sandbox, drafts and desktop manners."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin import __version__
from b24admin.core.bind_request import BindRequest
from b24admin.core.drafts import DraftStore
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.gui import MainWindow
from b24admin.gui.app import install_crash_handler
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.profile.profile_dialog import ProfileDialog
from b24admin.sandbox import SandboxPortal
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import HANDLER, child, fill_full_sidebar

ROOT = Path(__file__).resolve().parents[2]


def _profile(name: str, portal: str = "https://example.bitrix24.com") -> Profile:
    return Profile(name=name, auth=AuthKind.OAUTH, portal_url=portal, client_id="local.1.2")


def _save(service: ProfileService, profile: Profile) -> None:
    service.save(
        profile,
        {
            SecretKind.CLIENT_SECRET: "client-secret-value",
            SecretKind.ACCESS_TOKEN: "access-token-value",
            SecretKind.REFRESH_TOKEN: "refresh-token-value",
        },
    )


def _combo_entries(window: MainWindow) -> list[tuple[str, str]]:
    combo = child(window, QComboBox, "profileCombo")
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


# --- launch -----------------------------------------------------------------------------------


def test_window_shows_promptly_with_the_profiles_from_the_config_dir(
    qtbot: QtBot, config_dir: Path, keyring_stand_in: SessionSecretStore
) -> None:
    store = ProfileStore(config_dir)
    store.save_profile(_profile("Production"))
    store.save_profile(_profile("Staging", "https://staging.bitrix24.com"))
    window = MainWindow()  # no arguments: the real config dir the core uses
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=3000)
    assert window.windowTitle() == "b24admin"
    assert _combo_entries(window) == [
        ("Production — local application", "Production"),
        ("Staging — local application", "Staging"),
    ]
    assert window.pages.currentWidget() is not window.welcome
    status = child(window, QLabel, "connectionStatus").text()
    assert "https://example.bitrix24.com" in status and "Secrets in:" in status
    window.close()
    assert window.runner.wait_for_done(10_000)


def test_creating_the_window_loads_no_network_or_keyring_library(config_dir: Path) -> None:
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from b24admin.gui import MainWindow\n"
        "window = MainWindow(); window.show(); app.processEvents()\n"
        "heavy = ('requests', 'keyring', 'tenacity', 'urllib3', 'b24admin.sandbox',\n"
        "         'b24admin.core.client', 'b24admin.core.oauth')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "window.close(); window.runner.wait_for_done()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "B24ADMIN_CONFIG_DIR": str(config_dir)}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_without_profiles_the_window_offers_two_ways_to_start(
    make_window: WindowFactory,
) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    assert window.findChild(QPushButton, "bindButton") is None  # the form waits until needed
    add = child(window, QPushButton, "addFirstProfileButton")
    sandbox = child(window, QPushButton, "trySandboxButton")
    assert add.isVisible() and sandbox.isVisible()
    assert not child(window, QPushButton, "editProfileButton").isEnabled()
    assert not child(window, QPushButton, "testConnectionButton").isEnabled()


def test_add_first_profile_opens_the_profile_dialog(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    child(window, QPushButton, "addFirstProfileButton").click()
    dialogs = window.findChildren(ProfileDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].reject()


def test_trying_the_sandbox_connects_a_session_profile_that_is_never_written(
    make_window: WindowFactory, config_dir: Path, qtbot: QtBot
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.sandboxConnected, timeout=15_000) as blocker:
        child(window, QPushButton, "trySandboxButton").click()
    assert blocker.args == ["Sandbox"]
    assert window.connection.current_profile_name() == "Sandbox"
    assert window.pages.currentWidget() is not window.welcome
    status = child(window, QLabel, "connectionStatus").text()
    assert "sandbox" in status.lower() and "session only" in status
    assert not (config_dir / "profiles.json").exists()
    session = window.sandbox_session
    assert session is not None and session.portal is not None
    window.close()
    assert session.portal is None  # stopped with the window


def test_sandbox_action_binds_a_widget_end_to_end(
    make_window: WindowFactory, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.sandboxConnected, timeout=15_000):
        window.menus.connect_sandbox.trigger()
    fill_full_sidebar(window.form, qtbot)
    from tests.gui.form_filling import bind

    bind(window, qtbot)
    portal = window.sandbox_session.portal  # type: ignore[union-attr]
    assert isinstance(portal, SandboxPortal)
    [binding] = portal.bindings(window.sandbox_session.profile.client_id)  # type: ignore[union-attr]
    assert binding["handler"] == HANDLER


# --- profiles ---------------------------------------------------------------------------------


def test_status_line_names_the_store_that_holds_the_secrets(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot
) -> None:
    _save(service, _profile("Production"))
    window = make_window()
    label = child(window, QLabel, "connectionStatus")
    backend = service.secrets.backend_name
    qtbot.waitUntil(lambda: f"Secrets in: {backend}" in label.text())
    assert "local application" in label.text()


def test_remove_asks_first_then_forgets_the_profile_and_its_secrets_but_keeps_the_form(
    make_window: WindowFactory,
    service: ProfileService,
    keyring_stand_in: SessionSecretStore,
    qtbot: QtBot,
) -> None:
    _save(service, _profile("Old"))
    _save(service, _profile("Kept"))
    window = make_window(dialogs=RecordingDialogs(confirm_answer=True))
    window.connection.set_profiles(window.connection.profile_names(), select="Old")
    handler = child(window, QLineEdit, "handlerEdit")
    handler.setFocus()
    qtbot.keyClicks(handler, "https://old.example.com/")
    with qtbot.waitSignal(window.profilesReloaded, timeout=10_000):
        child(window, QPushButton, "removeProfileButton").click()
    assert [name for _, name in _combo_entries(window)] == ["Kept"]
    assert keyring_stand_in.get("Old", SecretKind.ACCESS_TOKEN) is None
    assert keyring_stand_in.get("Kept", SecretKind.ACCESS_TOKEN) == "access-token-value"
    assert handler.text() == "https://old.example.com/"  # the request can go elsewhere now


def test_remove_cancelled_keeps_the_profile(
    make_window: WindowFactory, service: ProfileService
) -> None:
    _save(service, _profile("Production"))
    window = make_window(dialogs=RecordingDialogs(confirm_answer=False))
    child(window, QPushButton, "removeProfileButton").click()
    assert window.runner.wait_for_done(10_000)
    assert [name for _, name in _combo_entries(window)] == ["Production"]


# --- drafts -----------------------------------------------------------------------------------


def test_draft_survives_closing_and_reopening_without_secrets(
    make_window: WindowFactory, sandbox_profile: Profile, config_dir: Path, qtbot: QtBot
) -> None:
    first = make_window()
    fill_full_sidebar(first.form, qtbot)
    entered = first.form.request()
    first.close()

    second = make_window()
    assert second.connection.current_profile_name() == sandbox_profile.name
    assert second.form.request() == entered
    text = "".join(p.read_text(encoding="utf-8") for p in (config_dir / "drafts").iterdir())
    secrets = second.service.session_secrets
    for kind in SecretKind:
        value = secrets.get(sandbox_profile.name, kind)
        assert not value or value not in text


def test_switching_profile_keeps_the_form_so_the_request_can_go_to_another_portal(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot
) -> None:
    _save(service, _profile("A", "https://a.bitrix24.com"))
    _save(service, _profile("B", "https://b.bitrix24.com"))
    _old_draft_of("B")  # what an earlier version left for B must not replace the form
    window = make_window()
    window.connection.set_profiles(["A", "B"], select="A")
    handler = child(window, QLineEdit, "handlerEdit")
    handler.setFocus()
    qtbot.keyClicks(handler, "https://typed.example.com/")
    combo = child(window, QComboBox, "profileCombo")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # A -> B, as a person changes the selection
    assert window.connection.current_profile_name() == "B"
    assert handler.text() == "https://typed.example.com/"
    endpoint = child(window, QLabel, "previewEndpointLabel").text()
    assert "https://b.bitrix24.com/" in endpoint
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert handler.text() == "https://typed.example.com/"


def test_the_form_comes_back_after_a_restart_whatever_profile_is_selected(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot
) -> None:
    _save(service, _profile("A"))
    _save(service, _profile("B"))
    _old_draft_of("B")
    first = make_window()
    first.connection.set_profiles(["A", "B"], select="A")
    handler = child(first, QLineEdit, "handlerEdit")
    handler.setFocus()
    qtbot.keyClicks(handler, "https://kept.example.com/")
    first.connection.set_profiles(["A", "B"], select="B")
    first.close()
    second = make_window()
    assert second.connection.current_profile_name() == "B"
    assert child(second, QLineEdit, "handlerEdit").text() == "https://kept.example.com/"


def _old_draft_of(profile_name: str) -> None:
    """A per-profile draft as versions before the one form draft wrote them."""
    DraftStore().save(
        profile_name, BindRequest(placement="LEFT_MENU", handler="https://old.example.com/")
    )


def test_a_draft_of_old_kept_per_profile_is_taken_over_once(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot
) -> None:
    _save(service, _profile("A"))
    _old_draft_of("A")
    window = make_window()
    handler = child(window, QLineEdit, "handlerEdit")
    assert handler.text() == "https://old.example.com/"
    handler.setFocus()
    handler.selectAll()
    qtbot.keyClicks(handler, "https://new.example.com/")
    window.close()
    assert make_window().form.request().handler == "https://new.example.com/"


def test_draft_is_saved_shortly_after_typing(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot
) -> None:
    _save(service, _profile("A"))
    window = make_window()
    child(window, QLineEdit, "handlerEdit").setText("https://typed.example.com/")

    def saved() -> bool:
        draft = window.drafts.load_form()
        return draft is not None and draft.handler == "https://typed.example.com/"

    qtbot.waitUntil(saved)


# --- desktop manners --------------------------------------------------------------------------


def test_ctrl_q_quits(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.menus.quit.shortcut() == QKeySequence("Ctrl+Q")
    platform_quit = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    assert set(platform_quit) <= set(window.menus.quit.shortcuts())
    assert window.menus.quit in window.actions()  # window-wide, not only while the menu is open
    # (offscreen windows never become active, so the key press itself cannot be simulated)
    window.menus.quit.trigger()
    assert not window.isVisible()


def test_geometry_is_restored_on_the_next_start(make_window: WindowFactory, qtbot: QtBot) -> None:
    first = make_window()
    first.resize(720, 530)
    qtbot.waitUntil(lambda: first.size() == QSize(720, 530))
    first.close()
    second = make_window()
    assert second.size() == QSize(720, 530)


def test_about_names_the_version_and_the_keyring(
    make_window: WindowFactory, service: ProfileService, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    window = make_window()
    window.menus.about.trigger()
    [box] = [d for d in dialogs.of_type(QMessageBox) if d.objectName() == "aboutDialog"]
    assert isinstance(box, QMessageBox)
    assert __version__ in box.text()
    qtbot.waitUntil(lambda: service.secrets.backend_name in box.text())


INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)


def _interactive(root: QWidget) -> list[QWidget]:
    return [w for kind in INTERACTIVE for w in root.findChildren(kind)]


def test_every_interactive_widget_of_the_window_has_an_accessible_name(
    make_window: WindowFactory, service: ProfileService, dialogs: RecordingDialogs
) -> None:
    welcome = make_window()
    _save(service, _profile("Production"))
    window = make_window()  # with a profile: the bind form is there too
    window.form.set_request(window.form.request().with_changes(placement="IM_TEXTAREA"))
    error = dialogs.error(
        window, B24Error(code="WRONG_AUTH_TYPE", summary="No."), on_open_profile=lambda: None
    )
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for root in (welcome, window, error)
        for w in _interactive(root)
        if not w.accessibleName()
    ]
    assert unnamed == [], unnamed


def test_connection_row_and_welcome_buttons_explain_themselves(make_window: WindowFactory) -> None:
    window = make_window()
    widgets: list[QWidget] = [*window.connection.findChildren(QAbstractButton)]
    widgets += window.welcome.findChildren(QAbstractButton)
    widgets.append(child(window, QComboBox, "profileCombo"))
    for widget in widgets:
        assert widget.toolTip(), widget.objectName()


def test_tab_goes_from_the_connection_row_into_the_form(
    make_window: WindowFactory, service: ProfileService
) -> None:
    _save(service, _profile("Production"))
    window = make_window()
    test_button = child(window, QPushButton, "testConnectionButton")
    assert test_button.nextInFocusChain() is child(window.form, QComboBox, "placementCombo")


def test_an_uncaught_exception_opens_the_crash_dialog_with_the_traceback(
    make_window: WindowFactory, dialogs: RecordingDialogs, capsys: pytest.CaptureFixture[str]
) -> None:
    window = make_window()
    previous = install_crash_handler(window, dialogs)
    try:
        try:
            raise ValueError("boom in a slot")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    [dialog] = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog)
    assert dialog.error.kind is ErrorKind.INTERNAL
    assert "boom in a slot" in dialog.details_text and "Traceback" in dialog.details_text
    assert "boom in a slot" in capsys.readouterr().err


def test_profiles_file_is_untouched_by_the_window(
    make_window: WindowFactory, service: ProfileService, config_dir: Path
) -> None:
    _save(service, _profile("Production"))
    before = json.loads((config_dir / "profiles.json").read_text(encoding="utf-8"))
    window = make_window()
    window.close()
    assert json.loads((config_dir / "profiles.json").read_text(encoding="utf-8")) == before


def test_run_gui_with_sandbox_starts_connected_to_the_sandbox(qtbot: QtBot) -> None:
    """``b24admin --sandbox``: run_gui shows the window and connects the in-process sandbox."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from b24admin.gui.app import run_gui

    seen: list[str] = []

    def windows() -> list[MainWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]

    def watch() -> None:
        for window in windows():
            if window.isVisible() and window.connection.current_profile_name() == "Sandbox":
                seen.append(child(window, QLabel, "connectionStatus").text())
                window.close()  # the last window: run_gui's event loop ends

    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(20)
    guard = QTimer()  # never hang the suite if the sandbox does not come up
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: [w.close() for w in windows()])
    guard.start(20_000)
    try:
        assert run_gui(["b24admin", "--sandbox"], sandbox=True) == 0
    finally:
        watcher.stop()
        guard.stop()
    assert seen and "sandbox" in seen[0].lower()
    for window in windows():
        assert window.sandbox_session is None or window.sandbox_session.portal is None
        window.deleteLater()
