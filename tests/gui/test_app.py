"""Start-up helpers: following the system's light or dark scheme."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from b24admin.gui.app import dark_palette, follow_color_scheme, palette_for_scheme


def _window_lightness(palette: QPalette) -> int:
    return palette.color(QPalette.ColorRole.Window).lightness()


def test_dark_scheme_with_a_light_palette_switches_to_a_readable_dark_palette(
    qtbot: QtBot,
) -> None:
    light = QApplication.style().standardPalette()
    dark = palette_for_scheme(True, light, light)
    assert dark is not None and _window_lightness(dark) < 128
    text = dark.color(QPalette.ColorRole.WindowText).lightness()
    assert text - _window_lightness(dark) > 120  # text stands out from its background


def test_light_scheme_with_a_dark_palette_goes_back_to_the_style_palette(qtbot: QtBot) -> None:
    light = QApplication.style().standardPalette()
    assert palette_for_scheme(False, dark_palette(), light) is light


def test_a_palette_that_already_matches_is_left_alone(qtbot: QtBot) -> None:
    light = QApplication.style().standardPalette()
    assert palette_for_scheme(False, light, light) is None
    assert palette_for_scheme(True, dark_palette(), light) is None


def test_follow_color_scheme_keeps_fusion_or_the_platform_style(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    follow_color_scheme(app)
    assert app.style().name().lower() != "windows"
    app.setPalette(before)
