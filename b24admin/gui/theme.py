"""Light or dark: the one test every widget uses to pick readable colours, and the dark palette
for platforms that say "dark" but supply none."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws dark windows (the system's dark mode)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A dark palette in Fusion's colours.

    Every role a style draws with is set, the 3-D ones too (Light, Midlight, Mid, Dark,
    Shadow): a QPalette starts from the light defaults, so any role left out stays light, and
    separators and check-box frames drawn with it come out as bright white lines.
    """
    palette = QPalette()
    base, window, text = QColor("#1e1e1e"), QColor("#2b2b2b"), QColor("#e6e6e6")
    button = QColor("#353535")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#262626"),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8a8a8a"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Link: QColor("#5aa9e6"),
        QPalette.ColorRole.LinkVisited: QColor("#b48ee6"),
        QPalette.ColorRole.Highlight: QColor("#2f6fb3"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        # The 3-D roles, relative to the button colour as Fusion's own dark palettes are.
        QPalette.ColorRole.Light: QColor("#505050"),
        QPalette.ColorRole.Midlight: QColor("#424242"),
        QPalette.ColorRole.Mid: QColor("#262626"),
        QPalette.ColorRole.Dark: QColor("#1a1a1a"),
        QPalette.ColorRole.Shadow: QColor("#0d0d0d"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    disabled = QColor("#7a7a7a")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Light, QColor("#3a3a3a"))
    return palette
