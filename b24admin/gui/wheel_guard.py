"""The wheel scrolls the window; it changes a combo or spin box only when that box has focus.

Qt's combo and spin boxes take the wheel whenever the pointer is over them, and by default
(WheelFocus) even take focus from it: rolling the wheel to scroll a long form silently changes
whatever value passes under the pointer. Careful desktop programs (KDE's settings, Qt Creator's
options) do what this guard does, application-wide so no box is forgotten, including the ones
built later (option editors, table cell editors, dialogs):

- such boxes get focus by Tab or a click, never by the wheel (StrongFocus);
- a wheel event over an unfocused box goes to the scroll area around it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)
_installed: dict[int, WheelGuard] = {}  # id(application) -> its guard


def guarded_box(widget: QObject) -> QWidget | None:
    """The combo or spin box that ``widget`` is (or is a part of, like its line edit)."""
    current = widget if isinstance(widget, QWidget) else None
    while current is not None:
        if isinstance(current, _GUARDED):
            return current
        if current.isWindow():  # an open combo's popup list scrolls itself
            return None
        current = current.parentWidget()
    return None


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    current = widget.parentWidget()
    while current is not None:
        if isinstance(current, QAbstractScrollArea):
            return current
        if current.isWindow():
            return None
        current = current.parentWidget()
    return None


class WheelGuard(QObject):
    """The application event filter. Install it once with :func:`install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(event, QWheelEvent):
            return False
        box = guarded_box(watched)
        if box is None or box.hasFocus():
            return False
        self._scroll_instead(box, event)
        return True  # the box never sees it

    @staticmethod
    def _scroll_instead(box: QWidget, event: QWheelEvent) -> None:
        area = _scroll_area_around(box)
        if area is None:
            return
        viewport = area.viewport()
        global_position = event.globalPosition()
        local = viewport.mapFromGlobal(global_position)
        forwarded = QWheelEvent(
            local,
            global_position,
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QCoreApplication.sendEvent(viewport, forwarded)


def install_wheel_guard() -> None:
    """Install the guard on the running application (once; later calls do nothing)."""
    app = QCoreApplication.instance()
    if app is None or id(app) in _installed:
        return
    guard = _installed[id(app)] = WheelGuard(app)
    app.installEventFilter(guard)
