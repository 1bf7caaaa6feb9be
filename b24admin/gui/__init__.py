"""b24admin's PySide6 window. ``from b24admin.gui import MainWindow`` for tests and embedding.

The window is imported on first use, not with the package: every ``b24admin.gui.*`` module
imports this package first, and the workers or dialogs alone should not pull in the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from b24admin.gui.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    if name == "MainWindow":
        from b24admin.gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
