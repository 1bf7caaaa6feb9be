"""The application icon, loaded from the PNGs rendered from ``resources/icons/b24admin.svg``.

PNGs rather than the SVG: they need no SVG plugin (so the bundle can leave QtSvg out) and
QIcon reads only the size a window manager or a dialog asks for, when it asks. The folder is
found from this file's path, as the wheel, the checkout and the bundle lay it out, rather than
through importlib.resources, whose import costs ~30 ms on the window's start-up path.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

#: The sizes rendered and shipped (the hicolor theme's usual ones, 16 to 512 px).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SVG_NAME = "b24admin.svg"


def png_name(size: int) -> str:
    return f"b24admin-{size}.png"


@cache
def icons_dir() -> Path:
    """``resources/icons``: inside the package (wheel, bundle) or beside it (checkout)."""
    package = Path(__file__).resolve().parents[1]
    for root in (package / "resources", package.parent / "resources"):
        if (root / "icons" / SVG_NAME).is_file():
            return root / "icons"
    raise FileNotFoundError("b24admin's icons are missing: the installation is incomplete")


@cache
def app_icon() -> QIcon:
    """The b24admin icon with every shipped size (one object shared by all windows)."""
    icon = QIcon()
    folder = icons_dir()
    for size in ICON_SIZES:
        icon.addFile(str(folder / png_name(size)), QSize(size, size))
    return icon
