"""The dark palette: separators and check-box frames follow it (no bright white lines)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QStyleFactory, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from b24admin.gui.theme import dark_palette, is_dark

THREE_D_ROLES = (
    QPalette.ColorRole.Light,
    QPalette.ColorRole.Midlight,
    QPalette.ColorRole.Mid,
    QPalette.ColorRole.Dark,
    QPalette.ColorRole.Shadow,
)


def lightest(image: QImage) -> int:
    return max(
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
    )


def test_every_role_a_style_draws_frames_with_is_dark() -> None:
    palette = dark_palette()
    assert is_dark(palette)
    for role in THREE_D_ROLES:
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled):
            assert palette.color(group, role).lightness() < 100, (group, role)


@pytest.mark.parametrize("shape", [QFrame.Shape.HLine, QFrame.Shape.VLine])
def test_a_separator_on_the_dark_palette_has_no_bright_line(
    qtbot: QtBot, shape: QFrame.Shape
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    fusion = QStyleFactory.create("Fusion")
    holder.setStyle(fusion)
    holder.setPalette(dark_palette())
    line = QFrame(holder)
    line.setStyle(fusion)
    line.setFrameShape(shape)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    box = QCheckBox(holder)  # unchecked: only its frame and fill are drawn
    box.setStyle(fusion)
    layout = QVBoxLayout(holder)
    layout.addWidget(line)
    layout.addWidget(box)
    holder.resize(120, 80)
    holder.show()
    qtbot.waitExposed(holder)
    assert lightest(line.grab().toImage()) < 128
    assert lightest(box.grab().toImage()) < 160
