"""Create or update is decided from the portal; every change is said in the window with Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import bind, child
from tests.gui.manage_support import (
    CALL_TIMEOUT_MS,
    refreshed,
    seed,
    select_handler,
    settled_views,
)

MENU = BindRequest(placement="LEFT_MENU", handler="https://app.example.com/menu", title="Menu")
RENAMED = MENU.with_changes(title="Renamed")
WRITES = ("placement.bind", "placement.unbind", "batch")


def _writes(sandbox: SandboxPortal, since: int) -> list[str]:
    """The calls that change the portal, after the first ``since`` calls."""
    return [c.method for c in sandbox.received[since:] if c.method in WRITES]


def _titles(sandbox: SandboxPortal, app: SandboxApp) -> list[str]:
    return [str(b.get("title")) for b in sandbox.bindings(app.client_id)]


def _press_bind(window: MainWindow, qtbot: QtBot) -> None:
    button = child(window.form, QPushButton, "bindButton")
    qtbot.waitUntil(button.isEnabled)
    button.click()


def test_a_widget_the_portal_has_is_updated_after_showing_what_changes(
    sandbox_profile: object,
    make_window: WindowFactory,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [MENU])
    sent = len(sandbox.received)
    dialogs = RecordingDialogs()
    window = make_window(dialogs=dialogs)
    views = settled_views(window, qtbot)
    window.form.set_request(RENAMED)
    assert child(window.form, QPushButton, "bindButton").text() == "Update widget"
    assert window.menus.bind.text() == "Update widget"
    with qtbot.waitSignal(dialogs.opened, timeout=CALL_TIMEOUT_MS) as opened:
        _press_bind(window, qtbot)
    box = opened.args[0]
    assert isinstance(box, QMessageBox) and box.objectName() == "updateWidgetDialog"
    assert "Menu" in box.text() and "Renamed" in box.text()  # what will change
    assert _writes(sandbox, sent) == []  # nothing is unbound before the user agrees
    with qtbot.waitSignal(views.edit_session.editFinished, timeout=CALL_TIMEOUT_MS):
        child(box, QPushButton, "confirmYesButton").click()
    assert _titles(sandbox, sandbox_app) == ["Renamed"]

    with qtbot.waitSignal(views.writes.undone, timeout=CALL_TIMEOUT_MS):
        child(views.notice, QPushButton, "undoButton").click()
    assert _titles(sandbox, sandbox_app) == ["Menu"]  # Undo put the original back


def test_cancelling_the_update_sends_nothing(
    sandbox_profile: object,
    make_window: WindowFactory,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [MENU])
    sent = len(sandbox.received)
    dialogs = RecordingDialogs(confirm_answer=False)
    window = make_window(dialogs=dialogs)
    settled_views(window, qtbot)
    window.form.set_request(RENAMED)
    with qtbot.waitSignal(dialogs.opened, timeout=CALL_TIMEOUT_MS):
        _press_bind(window, qtbot)
    assert window.runner.wait_for_done(CALL_TIMEOUT_MS)
    assert _writes(sandbox, sent) == [] and _titles(sandbox, sandbox_app) == ["Menu"]
    assert child(window.form, QPushButton, "bindButton").isEnabled()


def test_a_widget_bound_elsewhere_since_the_list_was_read_is_still_an_update(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    settled_views(sandbox_window, qtbot)  # an empty list: the button says Bind
    seed(sandbox, sandbox_app, sandbox_tokens, [MENU])  # another tool binds it meanwhile
    sent = len(sandbox.received)
    sandbox_window.form.set_request(RENAMED)
    assert child(sandbox_window.form, QPushButton, "bindButton").text() == "Bind"
    with qtbot.waitSignal(dialogs.opened, timeout=CALL_TIMEOUT_MS) as opened:
        _press_bind(sandbox_window, qtbot)  # placement.get just before decides
    assert opened.args[0].objectName() == "updateWidgetDialog"
    assert _writes(sandbox, sent) == []
    child(opened.args[0], QPushButton, "confirmNoButton").click()


def test_an_unchanged_form_says_there_is_nothing_to_change_and_sends_nothing(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [MENU])
    sent = len(sandbox.received)
    views = settled_views(sandbox_window, qtbot)
    sandbox_window.form.set_request(MENU)
    with qtbot.waitSignal(views.writes.unchanged, timeout=CALL_TIMEOUT_MS):
        _press_bind(sandbox_window, qtbot)
    assert _writes(sandbox, sent) == []
    assert views.notice.text().startswith("Nothing to change")
    assert not dialogs.of_type(QMessageBox)


def test_a_new_widget_is_said_in_the_window_selected_in_the_list_and_undone_by_unbinding(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    views = settled_views(sandbox_window, qtbot)
    sandbox_window.form.set_request(MENU)
    with refreshed(views, qtbot):
        bind(sandbox_window, qtbot)
    assert not dialogs.of_type(QMessageBox)  # no message box for a success
    assert views.notice.text().startswith("Registered the LEFT_MENU widget")
    assert [w.handler for w in views.panel.selected_widgets()] == [MENU.handler]
    assert child(sandbox_window.form, QPushButton, "bindButton").text() == "Update widget"
    views.panel.table.clearSelection()
    child(views.notice, QPushButton, "showInListButton").click()
    assert [w.handler for w in views.panel.selected_widgets()] == [MENU.handler]
    assert views.panel.table.hasFocus()

    with qtbot.waitSignal(views.writes.undone, timeout=CALL_TIMEOUT_MS) as undone:
        qtbot.keyClick(views.panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone.args[0] is None
    assert sandbox.bindings(sandbox_app.client_id) == []
    assert not views.notice.can_undo  # once


def test_an_unbind_is_undone_by_binding_again_what_was_removed(
    sandbox_profile: object,
    make_window: WindowFactory,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [MENU])
    window = make_window(dialogs=RecordingDialogs(confirm_answer=True))
    views = settled_views(window, qtbot)
    select_handler(views, MENU.handler)
    with qtbot.waitSignal(views.actions.unbound, timeout=CALL_TIMEOUT_MS):
        child(views.panel, QPushButton, "unbindWidgetButton").click()
    assert sandbox.bindings(sandbox_app.client_id) == []
    assert views.notice.text() == f"Removed the LEFT_MENU widget ({MENU.handler})."
    with qtbot.waitSignal(views.writes.undone, timeout=CALL_TIMEOUT_MS):
        child(views.notice, QPushButton, "undoButton").click()
    assert _titles(sandbox, sandbox_app) == ["Menu"]


def test_the_duplicate_handler_error_offers_to_replace_with_the_form(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    views = settled_views(sandbox_window, qtbot)
    decide = views.decide

    def someone_binds_it_meanwhile(*args: object) -> bool:
        taken = decide(*args)  # type: ignore[arg-type]
        seed(sandbox, sandbox_app, sandbox_tokens, [MENU])  # between the look and the bind
        return taken

    views.decide = someone_binds_it_meanwhile  # type: ignore[method-assign,assignment]
    sandbox_window.form.set_request(RENAMED)
    bind(sandbox_window, qtbot)
    (dialog,) = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog)
    assert "already registered" in dialog.error.summary
    with qtbot.waitSignal(views.edit_session.editFinished, timeout=CALL_TIMEOUT_MS):
        child(dialog, QPushButton, "errorActionButton").click()
    assert _titles(sandbox, sandbox_app) == ["Renamed"]


def test_switching_profile_takes_the_undo_away(sandbox_window: MainWindow, qtbot: QtBot) -> None:
    views = settled_views(sandbox_window, qtbot)
    sandbox_window.form.set_request(MENU)
    with refreshed(views, qtbot):
        bind(sandbox_window, qtbot)
    assert views.notice.can_undo
    sandbox_window.connection.set_profiles([], select=None)
    assert not views.notice.can_undo and not views.notice.isVisible()
