"""A handler URL with a port that does not exist or an invisible host character, typed key by
key into handlerEdit: the problem shows beside the field and Bind stays off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from b24admin.core.catalogue import Catalogue
from b24admin.gui.form import BindForm
from b24admin.gui.form.placement_combo import CODE_ROLE
from tests.gui.form_filling import child
from tests.gui.person import focused, press


def type_key_by_key(qtbot: QtBot, text: str) -> None:
    """Each character as one key to the focused widget. A character no key of the test
    keyboard makes (the zero-width space) arrives as a key event carrying just its text, the
    way a compose key or an input method delivers it."""
    for character in text:
        if character.isascii():
            press(qtbot, character)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(focused(), event)
        QApplication.processEvents()


@pytest.fixture
def form(qtbot: QtBot, catalogue: Catalogue) -> BindForm:
    widget = BindForm(catalogue)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitExposed(widget)
    combo = child(widget, QComboBox, "placementCombo")
    combo.setCurrentIndex(combo.findData("LEFT_MENU", CODE_ROLE))
    return widget


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("https://app.example.com:99999/menu", "port 99999"),
        ("https://app.example.com:0/menu", "port 0"),
        ("https://app\u200b.example.com/menu", "U+200B ZERO WIDTH SPACE"),
    ],
)
def test_typed_bad_port_or_invisible_host_character_shows_beside_the_handler(
    form: BindForm, qtbot: QtBot, typed: str, named: str
) -> None:
    form.handler_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is form.handler_edit)
    type_key_by_key(qtbot, typed)
    assert form.handler_edit.text() == typed
    label = child(form, QLabel, "problem_handlerEdit")
    qtbot.waitUntil(lambda: label.isVisible() and named in label.text())
    assert label.property("severity") == "error"
    assert not form.bind_button.isEnabled()
    assert "HANDLER" in form.bind_button.toolTip()
