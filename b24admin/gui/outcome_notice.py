"""How a bind, an update or an unbind went, said in the window instead of a message box.

A line in the status bar with "Show in list" (select the widget concerned in Installed widgets)
and "Undo", which stays until the next change, the way a mail program offers to undo a send: a
success needs no click to go away, and the way back is one click. Failures still open the error
dialog (they need reading); confirmation is asked only before destructive steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

Action = Callable[[], Any]


class OutcomeNotice(QWidget):
    """The status bar's outcome line (``outcomeNotice``): ``outcomeText``, ``showInListButton``
    and ``undoButton``.

    Signals:
        changed(): what the notice offers changed (the menus follow Undo's state).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeNotice")
        self.text_label = QLabel(self)
        self.text_label.setObjectName("outcomeText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.show_button = self._button(
            "showInListButton",
            self.tr("Show in list"),
            self.tr("Select the widget in Installed widgets"),
        )
        self.undo_button = self._button(
            "undoButton", self.tr("Undo"), self.tr("Put the portal back as it was before")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.undo_button)
        self._show_in_list: Action | None = None
        self._undo: Action | None = None
        self.show_button.clicked.connect(lambda: self._run(self._show_in_list))
        self.undo_button.clicked.connect(self._undo_clicked)
        self.clear()

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        button.setFlat(True)
        return button

    def say(
        self,
        text: str,
        *,
        show_in_list: Action | None = None,
        undo: Action | None = None,
        undo_tip: str = "",
    ) -> None:
        """Show ``text``; offer "Show in list" and "Undo" when given (an earlier Undo goes)."""
        self.text_label.setText(text)
        self.text_label.setToolTip(text)
        self._show_in_list, self._undo = show_in_list, undo
        self.show_button.setVisible(show_in_list is not None)
        self.undo_button.setVisible(undo is not None)
        self.undo_button.setEnabled(undo is not None)
        self.undo_button.setToolTip(undo_tip or self.tr("Put the portal back as it was before"))
        self.setVisible(bool(text))
        self.changed.emit()

    def clear(self) -> None:
        """Nothing to say (another profile, or a new change is under way)."""
        self.say("")

    @property
    def can_undo(self) -> bool:
        return self._undo is not None

    def text(self) -> str:
        return self.text_label.text()

    def _undo_clicked(self) -> None:
        undo, self._undo = self._undo, None  # once: a second click must not undo twice
        self.undo_button.setEnabled(False)
        self.changed.emit()
        self._run(undo)

    @staticmethod
    def _run(action: Action | None) -> None:
        if action is not None:
            action()
