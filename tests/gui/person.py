"""Input the way a person gives it: keys to whichever widget has focus, with the event loop
turning between them, and wheel events to the widget under the pointer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

WHEEL_NOTCH = 120  # one click of a mouse wheel, in eighths of a degree


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key | str) -> None:
    """One key to the focused widget, then let queued work (timers, deferred calls) run."""
    qtbot.keyClick(focused(), key)
    QApplication.processEvents()


def type_text(qtbot: QtBot, text: str, between: Callable[[], bool] | None = None) -> None:
    """Type ``text`` key by key into whatever has focus at each key. ``between``: a condition
    waited for after every key (what a person's pause lets happen, e.g. validation ran)."""
    for character in text:
        press(qtbot, character)
        if between is not None:
            qtbot.waitUntil(between)


def widget_under(window: QWidget, target: QWidget) -> tuple[QWidget, QPoint]:
    """The widget the pointer is over when it rests on ``target``'s centre, and that point
    in global coordinates (what a real wheel event is delivered with)."""
    centre = target.mapToGlobal(target.rect().center())
    under = window.childAt(window.mapFromGlobal(centre))
    assert under is not None, "nothing under the pointer"
    return under, centre


def roll_wheel(window: QWidget, target: QWidget, notches: int = -1) -> QWidget:
    """Roll the wheel with the pointer on ``target`` (negative: towards the user, i.e. down).

    The event goes to the widget under the pointer and, while ignored, on to its parents, as
    Qt delivers a wheel event from the window system (an event sent by a program reaches only
    its receiver, so the walk is done here). Returns the widget under the pointer.
    """
    under, centre = widget_under(window, target)
    receiver: QWidget | None = under
    while receiver is not None:
        event = QWheelEvent(
            QPointF(receiver.mapFromGlobal(centre)),
            QPointF(centre),
            QPoint(0, 0),
            QPoint(0, notches * WHEEL_NOTCH),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        event.ignore()
        QApplication.sendEvent(receiver, event)
        if event.isAccepted() or receiver.isWindow():
            break
        receiver = receiver.parentWidget()
    QApplication.processEvents()
    return under
