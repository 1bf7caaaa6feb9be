"""Filling the bind form as a user would, and binding: shared by the GUI flow tests."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin.gui.form.bind_form import BindForm
from b24admin.gui.form.placement_combo import CODE_ROLE
from b24admin.gui.main_window import MainWindow

HANDLER = "https://widgets.example.com/im/sidebar?from=b24admin"
BIND_TIMEOUT_MS = 20_000
W = TypeVar("W", bound=QWidget)


def child(parent: QWidget, kind: type[W], name: str) -> W:
    """The descendant of ``parent`` with this class and objectName (fails the test if none)."""
    widget = parent.findChild(kind, name)
    assert isinstance(widget, kind), f"no {kind.__name__} named {name}"
    return widget


def choose_placement(form: BindForm, code: str) -> None:
    combo = child(form, QComboBox, "placementCombo")
    row = combo.findData(code, CODE_ROLE)
    assert row >= 0, code
    combo.setCurrentIndex(row)
    assert form.request().placement == code


def choose_data(combo: QWidget, wire: str) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findData(wire)
    assert index >= 0, wire
    combo.setCurrentIndex(index)


def add_language_row(
    form: BindForm, qtbot: QtBot, lang: str, title: str, description: str = ""
) -> None:
    """Click "Add language", type the TITLE into the editor it opens, pick the language."""
    table = child(form, QTableView, "langTable")
    child(form, QPushButton, "addLangButton").click()
    row = table.model().rowCount() - 1
    editor = QApplication.focusWidget()
    if isinstance(editor, QLineEdit) and table.isAncestorOf(editor):
        qtbot.keyClicks(editor, title)
        table.setFocus(Qt.FocusReason.TabFocusReason)  # leaving the editor commits it
    else:  # no focus (e.g. the window is not active): edit through the model like the delegate
        table.model().setData(table.model().index(row, 1), title, Qt.ItemDataRole.EditRole)
    model = table.model()
    model.setData(model.index(row, 0), lang, Qt.ItemDataRole.EditRole)
    if description:
        model.setData(model.index(row, 2), description, Qt.ItemDataRole.EditRole)


def fill_minimal_sidebar(form: BindForm, handler: str = HANDLER) -> None:
    """The least a valid IM_SIDEBAR bind needs: placement, handler and iconName."""
    choose_placement(form, "IM_SIDEBAR")
    child(form, QLineEdit, "handlerEdit").setText(handler)
    child(form, QLineEdit, "option_iconName").setText("fa-rocket")


def fill_full_sidebar(form: BindForm, qtbot: QtBot) -> None:
    """IM_SIDEBAR with a title, two language rows and all five options, the colour picked
    through the Custom… colour dialog (it snaps #20b0a8 to AQUA)."""
    fill_minimal_sidebar(form)
    child(form, QLineEdit, "titleEdit").setText("Helper")
    add_language_row(form, qtbot, "en", "Helper", "Opens the helper")
    add_language_row(form, qtbot, "de", "Helfer")
    choose_data(child(form, QComboBox, "option_extranet"), "Y")
    choose_data(child(form, QComboBox, "option_role"), "ADMIN")
    child(form, QCheckBox, "contextToken_USER").click()
    child(form, QCheckBox, "contextToken_CHAT").click()
    picker = child(form, QWidget, "option_color")
    child(picker, QPushButton, "customColorButton").click()
    dialog = child(picker, QColorDialog, "customColorDialog")
    assert dialog.isVisible()
    dialog.setCurrentColor(QColor("#20b0a8"))
    dialog.accept()
    assert form.request().options.get("color") == "AQUA"


def bind(window: MainWindow, qtbot: QtBot) -> object:
    """Click Bind and wait for the outcome (a BindOutcome or the B24Error)."""
    button = child(window.form, QPushButton, "bindButton")
    qtbot.waitUntil(button.isEnabled)  # validation runs shortly after the last edit
    with qtbot.waitSignal(window.bindFinished, timeout=BIND_TIMEOUT_MS) as blocker:
        button.click()
    return blocker.args[0]
