"""The application icon, loaded from the PNGs rendered from ``resources/icons/b24admin.svg``.

PNGs rather than the SVG: they need no SVG plugin (so the bundle can leave QtSvg out) and
QIcon reads only the size a window manager or a dialog asks for, when it asks.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from b24admin.core.resources import resource

#: The sizes rendered and shipped (the hicolor theme's usual ones, 16 to 512 px).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SVG_NAME = "b24admin.svg"


def png_name(size: int) -> str:
    return f"b24admin-{size}.png"


@cache
def app_icon() -> QIcon:
    """The b24admin icon with every shipped size (one object shared by all windows)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource(f"icons/{png_name(size)}")), QSize(size, size))
    return icon
