"""The wheel scrolls the form; it changes a combo or spin box only when the user focused it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QSpinBox
from pytestqt.qtbot import QtBot

from b24admin.gui.form.bind_form import BindForm
from b24admin.gui.main_window import MainWindow
from tests.gui.form_filling import child, choose_placement
from tests.gui.person import roll_wheel


def sidebar_window(window: MainWindow, qtbot: QtBot) -> tuple[QScrollArea, BindForm]:
    window.resize(1024, 768)
    form = window.form
    choose_placement(form, "IM_SIDEBAR")
    child(form, QLineEdit, "handlerEdit").setText("https://widgets.example.com/x")
    area = child(window, QScrollArea, "formFieldsScrollArea")
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    return area, form


def test_wheel_over_an_unfocused_combo_scrolls_the_form_and_keeps_the_value(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    area, form = sidebar_window(sandbox_window, qtbot)
    extranet = child(form, QComboBox, "option_extranet")
    area.ensureWidgetVisible(extranet)
    before_value, before_scroll = extranet.currentIndex(), area.verticalScrollBar().value()
    sent_to = roll_wheel(sandbox_window, extranet)
    assert extranet.isAncestorOf(sent_to) or sent_to is extranet
    assert extranet.currentIndex() == before_value
    assert "extranet" not in form.request().options
    assert area.verticalScrollBar().value() > before_scroll
    assert not extranet.hasFocus()  # the wheel does not take focus either


def test_wheel_never_changes_the_placement_profile_or_a_spin_box_unfocused(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    area, form = sidebar_window(sandbox_window, qtbot)
    sandbox_window.bind_flow  # noqa: B018 - the window is complete
    placement = child(form, QComboBox, "placementCombo")
    area.verticalScrollBar().setValue(0)
    roll_wheel(sandbox_window, placement)
    assert form.request().placement == "IM_SIDEBAR"
    profile = child(sandbox_window, QComboBox, "profileCombo")
    name = profile.currentText()
    roll_wheel(sandbox_window, profile, notches=1)
    roll_wheel(sandbox_window, profile, notches=-1)
    assert profile.currentText() == name
    choose_placement(form, "IM_TEXTAREA")
    width = child(form, QSpinBox, "option_width")
    area.ensureWidgetVisible(width)
    value = width.value()
    roll_wheel(sandbox_window, width, notches=1)
    assert width.value() == value
    assert "width" not in form.request().options


def test_a_focused_combo_still_takes_the_wheel(sandbox_window: MainWindow, qtbot: QtBot) -> None:
    area, form = sidebar_window(sandbox_window, qtbot)
    extranet = child(form, QComboBox, "option_extranet")
    area.ensureWidgetVisible(extranet)
    extranet.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(extranet.hasFocus)
    before = extranet.currentIndex()
    roll_wheel(sandbox_window, extranet)
    assert extranet.currentIndex() == before + 1
    assert form.request().options.get("extranet") == extranet.currentData()


def test_combos_do_not_take_focus_from_the_wheel(sandbox_window: MainWindow, qtbot: QtBot) -> None:
    _area, form = sidebar_window(sandbox_window, qtbot)
    boxes = [*form.findChildren(QComboBox), *form.findChildren(QSpinBox)]
    assert boxes
    for box in boxes:
        assert box.focusPolicy() != Qt.FocusPolicy.WheelFocus, box.objectName()
