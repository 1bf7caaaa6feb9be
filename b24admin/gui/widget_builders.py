"""Small builders for widgets the window's parts make the same way: a label whose text the user
can select and copy (summaries, statuses, URLs, report lines), and a sunken separator line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget


def selectable_label(
    parent: QWidget | None,
    text: str = "",
    *,
    object_name: str = "",
    word_wrap: bool = True,
    plain_text: bool = True,
    keyboard: bool = False,
) -> QLabel:
    """A label whose text can be selected with the mouse (and, with ``keyboard``, with the
    keyboard once focused). ``plain_text`` shows the text as given, never as rich text: it may
    come from a server or a user."""
    label = QLabel(text, parent)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(word_wrap)
    if plain_text:
        label.setTextFormat(Qt.TextFormat.PlainText)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if keyboard:
        flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
    label.setTextInteractionFlags(flags)
    return label


def separator(parent: QWidget | None) -> QFrame:
    """A sunken horizontal line between two groups of a layout."""
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
