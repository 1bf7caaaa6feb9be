"""The IM colour picker: palette swatches, None, and Custom… snapping to the palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.catalogue import load_catalogue
from b24admin.gui.form.color_picker import ColorCallback, ImColorPicker


@pytest.fixture
def picker(qtbot: QtBot) -> ImColorPicker:
    widget = ImColorPicker(load_catalogue().palette)
    qtbot.addWidget(widget)
    return widget


def test_every_palette_colour_is_a_named_swatch_plus_none(picker: ImColorPicker) -> None:
    swatches = picker.findChildren(QToolButton)
    names = {s.objectName() for s in swatches}
    assert len(swatches) == 18
    assert "colorSwatch_none" in names
    for color in load_catalogue().palette:
        swatch = picker.swatch(color.name)
        assert color.label in swatch.toolTip() and color.name in swatch.toolTip()
        assert swatch.accessibleName() == f"{color.label} ({color.name})"


def test_none_is_the_default_and_checked(picker: ImColorPicker) -> None:
    assert picker.color() == ""
    assert picker.swatch("").isChecked()
    assert "default" in picker.swatch("").accessibleName()


def test_clicking_a_swatch_selects_it_alone_and_emits(picker: ImColorPicker, qtbot: QtBot) -> None:
    with qtbot.waitSignal(picker.colorChanged) as blocker:
        picker.swatch("MINT").click()
    assert blocker.args == ["MINT"]
    assert picker.color() == "MINT"
    checked = [s.objectName() for s in picker.findChildren(QToolButton) if s.isChecked()]
    assert checked == ["colorSwatch_MINT"]
    assert "MINT" in picker.current_label.text()


def test_custom_colour_through_the_seam_snaps_and_says_so(
    picker: ImColorPicker, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pick(parent: QWidget, initial: QColor, on_picked: ColorCallback) -> None:
        on_picked(QColor("#123456"))

    monkeypatch.setattr(ImColorPicker, "pick_color", staticmethod(pick))
    with qtbot.waitSignal(picker.colorChanged) as blocker:
        picker.custom_button.click()
    assert blocker.args == ["AZURE"]
    assert picker.swatch("AZURE").isChecked()
    assert picker.snap_label.isVisibleTo(picker)
    assert picker.snap_label.text() == "#123456 → nearest IM colour: AZURE"


def test_custom_colour_through_the_real_dialog(picker: ImColorPicker, qtbot: QtBot) -> None:
    picker.show()
    picker.custom_button.click()
    dialog = picker.findChild(QColorDialog, "customColorDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.setCurrentColor(QColor("#ff8800"))
    with qtbot.waitSignal(picker.colorChanged) as blocker:
        dialog.accept()
    assert blocker.args == ["ORANGE"]
    assert "ORANGE" in picker.snap_label.text()


def test_cancelling_the_dialog_changes_nothing(picker: ImColorPicker, qtbot: QtBot) -> None:
    picker.set_color("RED")
    picker.show()
    picker.custom_button.click()
    dialog = picker.findChild(QColorDialog, "customColorDialog")
    assert dialog is not None
    dialog.setCurrentColor(QColor("#0000ff"))
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert picker.color() == "RED"
    assert not picker.snap_label.isVisibleTo(picker)


def test_choosing_a_swatch_after_a_snap_hides_the_snap_note(
    picker: ImColorPicker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        ImColorPicker, "pick_color", staticmethod(lambda p, i, cb: cb(QColor("#ff0000")))
    )
    picker.custom_button.click()
    assert picker.snap_label.isVisibleTo(picker)
    picker.swatch("GRAY").click()
    assert not picker.snap_label.isVisibleTo(picker)
    assert picker.color() == "GRAY"


def test_unknown_loaded_value_is_kept_and_shown_as_not_a_palette_colour(
    picker: ImColorPicker,
) -> None:
    picker.set_color("lightBlue")
    assert picker.color() == "lightBlue"
    assert not any(s.isChecked() for s in picker.findChildren(QToolButton))
    assert "not a messenger colour" in picker.current_label.text()


def test_set_color_does_not_emit_when_unchanged(picker: ImColorPicker, qtbot: QtBot) -> None:
    picker.set_color("SAND")
    with qtbot.assertNotEmitted(picker.colorChanged):
        picker.set_color("SAND")


def test_arrow_keys_move_through_the_grid(picker: ImColorPicker, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    picker.set_color("RED")  # index 1, after None
    qtbot.keyClick(picker.swatch("RED"), Qt.Key.Key_Right)
    assert picker.color() == "GREEN"
    qtbot.keyClick(picker.swatch("GREEN"), Qt.Key.Key_Down)
    names = ["", *(c.name for c in load_catalogue().palette)]
    assert picker.color() == names[2 + 9]
