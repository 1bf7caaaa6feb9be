"""Light or dark: the one test every widget uses to pick readable colours."""

from __future__ import annotations

from PySide6.QtGui import QPalette


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws dark windows (the system's dark mode)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
