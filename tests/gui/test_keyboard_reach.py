"""Reached by keys and seen: an empty language table shows its focus, and every tab of the
profile dialog's token tabs is reached with Tab and the arrows, or Ctrl+Tab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QTabBar, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.catalogue import load_catalogue
from b24admin.gui.form.lang_table import LangTableEditor
from tests.gui.form_filling import child
from tests.gui.profile_dialog_support import DialogEnv, dialog_env


@pytest.fixture
def env(qtbot: QtBot, config_dir: Path) -> Iterator[DialogEnv]:
    yield from dialog_env(qtbot, config_dir)


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """A key to whatever has the focus, the event loop turning after it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    if modifier is None:
        qtbot.keyClick(focused, key)
    else:
        qtbot.keyClick(focused, key, modifier)
    QApplication.processEvents()


def _viewport_image(editor: LangTableEditor) -> QImage:
    QApplication.processEvents()
    return editor.table.viewport().grab().toImage()


def test_an_empty_language_table_shows_that_it_has_the_focus(qtbot: QtBot) -> None:
    window = QWidget()
    before = QLineEdit(window)
    editor = LangTableEditor(load_catalogue().languages, window)
    layout = QVBoxLayout(window)
    layout.addWidget(before)
    layout.addWidget(editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    assert editor.model.rowCount() == 0
    unfocused = _viewport_image(editor)
    _press(qtbot, Qt.Key.Key_Tab)
    assert editor.table.hasFocus()
    focused = _viewport_image(editor)
    assert focused != unfocused  # the frame is drawn
    highlight = editor.table.palette().color(editor.table.palette().ColorRole.Highlight)
    assert focused.pixelColor(2, focused.height() // 2) == highlight
    _press(qtbot, Qt.Key.Key_Backtab)
    assert before.hasFocus()
    assert _viewport_image(editor) == unfocused  # and goes with the focus


def _first_field(page: QWidget) -> QWidget:
    """The first widget of a tab page that Tab would stop at."""
    for widget in page.findChildren(QWidget):
        policy = widget.focusPolicy()
        if widget.isVisible() and widget.isEnabled() and policy & Qt.FocusPolicy.TabFocus:
            return widget
    raise AssertionError("a tab page without a field")


def test_every_token_tab_is_reached_by_keys(env: DialogEnv) -> None:
    dialog = env.open()
    env.qtbot.waitExposed(dialog)
    dialog.activateWindow()
    tabs = dialog.oauth_panel.tabs
    bar = tabs.tabBar()
    server = child(dialog, QLineEdit, "oauthServerEdit")
    server.setFocus()
    env.qtbot.waitUntil(server.hasFocus)
    for _ in range(10):  # Tab from the last field above the tabs reaches the tab bar
        if isinstance(QApplication.focusWidget(), QTabBar):
            break
        _press(env.qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar
    assert tabs.currentIndex() == 0
    for index in range(1, tabs.count()):
        _press(env.qtbot, Qt.Key.Key_Right)
        assert tabs.currentIndex() == index
    for index in reversed(range(tabs.count() - 1)):
        _press(env.qtbot, Qt.Key.Key_Left)
        assert tabs.currentIndex() == index
    # Ctrl+Tab from a field inside a tab page goes on to the next tab, round to the first.
    visited = [tabs.currentIndex()]
    for _ in range(tabs.count()):
        tabs.currentWidget().setFocus()
        env.qtbot.keyClick(
            tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
        )
        QApplication.processEvents()
        visited.append(tabs.currentIndex())
    assert visited == [*range(tabs.count()), 0]
