"""The seam for choosing manifest files: a file dialog in the app, a fixed path in tests.

The dialog is opened with ``open()`` (window-modal, no nested event loop) and answers through a
callback, like every dialog of the app (gui/dialogs.py). Tests replace :class:`ManifestFiles`
with :class:`FixedManifestFiles`, which answers at once.

The dialogs start where the user last chose a manifest (export and import share the folder, and
it is remembered between runs in ``window.ini``), the first time in the user's documents folder:
not in the program's working directory, which for a desktop program is anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from b24admin.core.config import config_dir

PathChosen = Callable[[Path], None]


LAST_FOLDER_KEY = "files/last_folder"


def documents_folder() -> Path:
    """The user's documents folder (XDG_DOCUMENTS_DIR, ~/Documents, …), else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


class ManifestFiles(QObject):
    """Asks the user for a manifest file to write or to read."""

    def _settings(self) -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def start_folder(self) -> Path:
        """Where the next dialog opens: the last folder used, if it is still there."""
        last = self._settings().value(LAST_FOLDER_KEY, "")
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
        return documents_folder()

    def remember(self, chosen: Path) -> None:
        """Remember the folder of a chosen file for the next export or import."""
        settings = self._settings()
        settings.setValue(LAST_FOLDER_KEY, str(chosen.parent))
        settings.sync()

    def _dialog(self, parent: QWidget, caption: str, on_chosen: PathChosen) -> QFileDialog:
        dialog = QFileDialog(parent, caption, str(self.start_folder()))
        dialog.setObjectName("manifestFileDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setNameFilters([self.tr("b24admin manifests (*.json)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix("json")

        def chosen(name: str) -> None:
            self.remember(Path(name))
            on_chosen(Path(name))

        dialog.fileSelected.connect(chosen)
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
