"""The seam for choosing manifest files: a file dialog in the app, a fixed path in tests.

The dialog is opened with ``open()`` (window-modal, no nested event loop) and answers through a
callback, like every dialog of the app (gui/dialogs.py). Tests replace :class:`ManifestFiles`
with :class:`FixedManifestFiles`, which answers at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

PathChosen = Callable[[Path], None]


class ManifestFiles(QObject):
    """Asks the user for a manifest file to write or to read."""

    def _dialog(self, parent: QWidget, caption: str, on_chosen: PathChosen) -> QFileDialog:
        dialog = QFileDialog(parent, caption)
        dialog.setObjectName("manifestFileDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setNameFilters([self.tr("b24admin manifests (*.json)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
        return dialog

    def choose_save(
        self, parent: QWidget, caption: str, suggested_name: str, on_chosen: PathChosen
    ) -> None:
        """Ask where to write; ``on_chosen`` runs only if the user picks a file."""
        dialog = self._dialog(parent, caption, on_chosen)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(suggested_name)
        dialog.open()

    def choose_open(self, parent: QWidget, caption: str, on_chosen: PathChosen) -> None:
        """Ask which manifest to read; ``on_chosen`` runs only if the user picks one."""
        dialog = self._dialog(parent, caption, on_chosen)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.open()


class FixedManifestFiles(ManifestFiles):
    """For tests: every question is answered with ``path`` (None: the user cancels)."""

    def __init__(self, path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.asked: list[str] = []  # the captions, in order

    def choose_save(
        self, parent: QWidget, caption: str, suggested_name: str, on_chosen: PathChosen
    ) -> None:
        self.asked.append(caption)
        if self.path is not None:
            on_chosen(self.path)

    def choose_open(self, parent: QWidget, caption: str, on_chosen: PathChosen) -> None:
        self.asked.append(caption)
        if self.path is not None:
            on_chosen(self.path)
