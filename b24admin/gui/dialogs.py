"""The one seam for message boxes and the error dialog.

Every dialog the app shows to tell or ask something goes through :class:`Dialogs`. Each method
opens its dialog with ``open()`` (window-modal, but the call returns at once: no nested event
loop, nothing for a test to hang on) and returns it so callers and tests can inspect, accept or
reject it. Answers arrive through callbacks. Tests use :class:`RecordingDialogs`, which keeps
every dialog it opened and can answer questions by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from b24admin.core.errors import B24Error

if TYPE_CHECKING:
    from b24admin.gui.error_dialog import ErrorDialog


class Dialogs(QObject):
    """Builds and opens the app's dialogs.

    Signals:
        opened(QDialog): a dialog was just opened (tests wait on it instead of on time).
    """

    opened = Signal(QDialog)

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.opened.emit(dialog)

    def error(
        self,
        parent: QWidget | None,
        error: B24Error,
        *,
        on_open_profile: Callable[[], object] | None = None,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> ErrorDialog:
        """Explain a failure. ``on_open_profile`` offers the profile dialog (WRONG_AUTH_TYPE);
        ``action`` (a button's text and what it does) offers a way out ("Replace with this
        form")."""
        from b24admin.gui.error_dialog import ErrorDialog  # not needed to start the app

        dialog = ErrorDialog(error, parent, on_open_profile=on_open_profile, action=action)
        self._show(dialog)
        return dialog

    def info(self, parent: QWidget | None, title: str, text: str) -> QMessageBox:
        """Tell the user something that went well; does not wait for an answer."""
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setObjectName("infoDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        self._show(box)
        return box

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        on_yes: Callable[[], None],
        *,
        yes_text: str = "",
        destructive: bool = False,
    ) -> QMessageBox:
        """Ask a yes/no question; ``on_yes`` runs only if the user agrees. No is the default
        when ``destructive`` (removing a profile must take a deliberate click)."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
        )
        box.setObjectName("confirmDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(yes_text or self.tr("Yes"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.NoRole)
        yes.setObjectName("confirmYesButton")
        no.setObjectName("confirmNoButton")
        box.setDefaultButton(no if destructive else yes)
        box.setEscapeButton(no)

        def finished(_result: int) -> None:
            if box.clickedButton() is yes:
                on_yes()

        box.finished.connect(finished)
        self._show(box)
        return box


class RecordingDialogs(Dialogs):
    """A :class:`Dialogs` for tests: keeps every dialog it opened, answers questions itself.

    ``confirm_answer`` True/False clicks Yes/Cancel as soon as a confirmation opens; ``None``
    leaves it open for the test.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        confirm_answer: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.confirm_answer = confirm_answer
        self.shown: list[QDialog] = []

    def _show(self, dialog: QDialog) -> None:
        self.shown.append(dialog)
        dialog.destroyed.connect(lambda: self._forget(dialog))
        super()._show(dialog)

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self.shown:
            self.shown.remove(dialog)

    def of_type(self, kind: type[QDialog]) -> list[QDialog]:
        """The dialogs still open (or not yet deleted) of one class."""
        return [d for d in self.shown if isinstance(d, kind)]

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        on_yes: Callable[[], None],
        *,
        yes_text: str = "",
        destructive: bool = False,
    ) -> QMessageBox:
        box = super().confirm(
            parent, title, text, on_yes, yes_text=yes_text, destructive=destructive
        )
        if self.confirm_answer is not None:
            name = "confirmYesButton" if self.confirm_answer else "confirmNoButton"
            button = box.findChild(QPushButton, name)
            if button is not None:
                button.click()
        return box
