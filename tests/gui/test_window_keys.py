"""Every action from the menus and the keyboard: shortcuts shown, Ctrl+Enter from anywhere in
the window, F5, Enter and Delete on an installed widget, Help's guide and log folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.gui.bind_flow import BindOutcome
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import BIND_TIMEOUT_MS, HANDLER, child, fill_minimal_sidebar
from tests.gui.manage_support import (
    CALL_TIMEOUT_MS,
    handlers_on,
    refresh,
    seed,
    select_handler,
    views_of,
)

SEEDED = "https://widgets.example.com/seeded"


def _menu_entries(window: MainWindow) -> dict[str, tuple[str, QAction]]:
    """objectName → (the menu's title, the action), for every entry of every menu."""
    entries: dict[str, tuple[str, QAction]] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.objectName():
                entries[action.objectName()] = (menu.title(), action)
    return entries


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """A key to whatever has the focus, as a person presses it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    if modifier is None:
        qtbot.keyClick(focused, key)
    else:
        qtbot.keyClick(focused, key, modifier)


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_every_action_is_in_a_menu_with_its_shortcut_shown(
    sandbox_window: MainWindow,
) -> None:
    entries = _menu_entries(sandbox_window)
    expected = {
        "bindAction": ("&Widget", "Ctrl+Return"),
        "refreshListAction": ("&Widget", "F5"),
        "editSelectedAction": ("&Widget", "Return"),
        "unbindSelectedAction": ("&Widget", "Del"),
        "exportManifestAction": ("&File", "Ctrl+S"),
        "importManifestAction": ("&File", "Ctrl+O"),
        "syncAction": ("&File", "Ctrl+Shift+S"),
        "testConnectionAction": ("&File", "Ctrl+T"),
        "editProfileAction": ("&File", "Ctrl+Shift+P"),
        "addProfileAction": ("&File", "Ctrl+Shift+N"),
        "documentationAction": ("&Help", "F1"),
        "openLogFolderAction": ("&Help", ""),
    }
    for name, (menu, keys) in expected.items():
        title, action = entries[name]
        assert title == menu, name
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        assert shown == keys, name  # what the menu prints beside the entry
        assert action.toolTip(), name


def test_ctrl_enter_binds_from_anywhere_in_the_window(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    qtbot: QtBot,
) -> None:
    fill_minimal_sidebar(sandbox_window.form)
    views = views_of(sandbox_window)
    _focus(qtbot, views.panel.table)  # the installed-widgets dock, not the form
    with qtbot.waitSignal(sandbox_window.bindFinished, timeout=BIND_TIMEOUT_MS) as bound:
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(bound.args[0], BindOutcome)
    assert handlers_on(sandbox, sandbox_app) == [HANDLER]


def test_ctrl_enter_on_a_form_with_problems_goes_to_the_first_one(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    sandbox_window.form  # noqa: B018 - built, empty: no placement yet
    combo = child(sandbox_window, QComboBox, "profileCombo")
    _focus(qtbot, combo)
    _press(qtbot, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)  # the keypad's Enter
    assert QApplication.focusWidget() is child(sandbox_window, QComboBox, "placementCombo")
    assert sandbox_window.runner.wait_for_done(5000)


def test_f5_refreshes_the_list_whatever_has_the_focus(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    views = views_of(sandbox_window)
    seed(sandbox, sandbox_app, sandbox_tokens, [BindRequest("LEFT_MENU", SEEDED)])
    _focus(qtbot, child(sandbox_window, QLineEdit, "handlerEdit"))
    with qtbot.waitSignal(views.refreshed, timeout=CALL_TIMEOUT_MS):
        _press(qtbot, Qt.Key.Key_F5)
    assert [w.handler for w in views.model.widgets()] == [SEEDED]


def test_enter_on_an_installed_widget_loads_it_into_the_form(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    views = views_of(sandbox_window)
    seed(sandbox, sandbox_app, sandbox_tokens, [BindRequest("LEFT_MENU", SEEDED, title="Seeded")])
    refresh(views, qtbot)
    widget = select_handler(views, SEEDED)
    _focus(qtbot, views.panel.table)
    _press(qtbot, Qt.Key.Key_Return)
    assert views.edit_session.original == widget
    assert child(sandbox_window, QLineEdit, "handlerEdit").text() == SEEDED


def test_delete_on_an_installed_widget_asks_then_unbinds_it(
    sandbox_profile: object,
    make_window: WindowFactory,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    dialogs = RecordingDialogs()
    window = make_window(dialogs=dialogs)
    views = views_of(window)
    seed(sandbox, sandbox_app, sandbox_tokens, [BindRequest("LEFT_MENU", SEEDED)])
    refresh(views, qtbot)
    select_handler(views, SEEDED)
    _focus(qtbot, views.panel.table)
    with qtbot.waitSignal(dialogs.opened) as opened:
        _press(qtbot, Qt.Key.Key_Delete)
    box = opened.args[0]
    assert isinstance(box, QMessageBox) and SEEDED in box.text()
    assert handlers_on(sandbox, sandbox_app) == [SEEDED]  # nothing yet: it asks first
    with qtbot.waitSignal(views.actions.unbound, timeout=CALL_TIMEOUT_MS):
        child(box, QPushButton, "confirmYesButton").click()
    assert handlers_on(sandbox, sandbox_app) == []


def test_delete_in_a_text_field_deletes_text_not_widgets(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
    dialogs: RecordingDialogs,
) -> None:
    views = views_of(sandbox_window)
    seed(sandbox, sandbox_app, sandbox_tokens, [BindRequest("LEFT_MENU", SEEDED)])
    refresh(views, qtbot)
    select_handler(views, SEEDED)
    title = child(sandbox_window, QLineEdit, "titleEdit")
    _focus(qtbot, title)
    qtbot.keyClicks(title, "Tools")
    qtbot.keyClick(title, Qt.Key.Key_Home)
    _press(qtbot, Qt.Key.Key_Delete)
    assert title.text() == "ools"
    assert not [d for d in dialogs.shown if isinstance(d, QMessageBox)]


# An open menu grabs the keyboard and raises itself, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_menu_shows_which_entries_would_do_something_now(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    views = views_of(sandbox_window)
    menu = sandbox_window.menus.widget_menu
    menu.popup(sandbox_window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    unbind = sandbox_window.menus.unbind_selected
    assert not views.panel.unbind_button.isEnabled()
    assert not unbind.isEnabled()  # nothing selected: the entry says so
    assert sandbox_window.menus.refresh.isEnabled()
    menu.hide()
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert unbind.isEnabled()  # its key stays live; the button decides when it is pressed


def test_help_opens_the_user_guide_and_the_log_folder(
    sandbox_window: MainWindow, config_dir: Path, qtbot: QtBot
) -> None:
    opened: list[QUrl] = []

    def record(url: QUrl) -> bool:
        opened.append(url)
        return True

    sandbox_window.open_url = record
    _focus(qtbot, child(sandbox_window, QLineEdit, "handlerEdit"))
    _press(qtbot, Qt.Key.Key_F1)
    guide = Path(opened[-1].toLocalFile())
    assert guide.name == "README.md" and "placement.bind" in guide.read_text(encoding="utf-8")
    sandbox_window.menus.open_log_folder.trigger()
    folder = Path(opened[-1].toLocalFile())
    assert folder == config_dir / "logs" and folder.is_dir()


def test_when_no_program_opens_the_guide_the_window_says_where_it_is(
    sandbox_window: MainWindow, dialogs: RecordingDialogs
) -> None:
    sandbox_window.open_url = lambda _url: False
    sandbox_window.menus.open_log_folder.trigger()
    boxes = [d for d in dialogs.shown if isinstance(d, QMessageBox)]
    assert boxes and "logs" in boxes[-1].text()
