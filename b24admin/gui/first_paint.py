"""Run work right after a window's first frame, so the window appears before it is done.

Building some widgets is costly on first use (PySide6 creates the Python enums of every Qt
class a module imports; the bind form and the docks import many). Done before ``show()``, that
time delays the window; done right after its first paint, the window is on screen at once and
its content follows a few frames later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaintWatcher(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            # After the paint has been handled and flushed: the next turn of the event loop.
            QTimer.singleShot(0, self._widget, self._callback)
            self.deleteLater()
        return False


def call_after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` (in the GUI thread) once, just after ``widget`` first paints."""
    _FirstPaintWatcher(widget, callback)
