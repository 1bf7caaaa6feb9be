"""The manifest file dialogs start in the documents folder and remember the last folder, which
export and import share (and the next run remembers too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.gui.main_window import MainWindow
from b24admin.gui.manage.manifest_files import ManifestFiles
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.manage_support import CALL_TIMEOUT_MS, refresh, seed, views_of

SEEDED = "https://widgets.example.com/exported"


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with its Documents folder (no user-dirs.dirs)."""
    home = tmp_path / "home"
    folder = home / "Documents"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return folder


def _file_dialog(qtbot: QtBot) -> QFileDialog:
    def shown() -> QFileDialog | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                return widget
        return None

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None and dialog.objectName() == "manifestFileDialog"
    return dialog


def _type_file_name(qtbot: QtBot, dialog: QFileDialog, text: str) -> None:
    """Type into the dialog's file-name field and press Enter, as a person does."""
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_export_starts_in_documents_and_import_then_opens_where_export_wrote(
    sandbox_window: MainWindow,
    documents: Path,
    tmp_path: Path,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    views = views_of(sandbox_window)
    seed(sandbox, sandbox_app, sandbox_tokens, [BindRequest("LEFT_MENU", SEEDED)])
    refresh(views, qtbot)
    exports = tmp_path / "exports"
    exports.mkdir()

    views.panel.export_button.click()
    dialog = _file_dialog(qtbot)
    assert Path(dialog.directory().absolutePath()) == documents
    dialog.setDirectory(str(exports))  # the user goes to another folder
    with qtbot.waitSignal(views.actions.exported, timeout=CALL_TIMEOUT_MS) as exported:
        _type_file_name(qtbot, dialog, "portal.json")
    written = exported.args[0]
    assert written == exports / "portal.json"
    assert json.loads(written.read_text(encoding="utf-8"))["bindings"][0]["HANDLER"] == SEEDED

    views.panel.import_button.click()
    again = _file_dialog(qtbot)
    assert Path(again.directory().absolutePath()) == exports  # import shares export's folder
    again.reject()


def test_the_folder_is_remembered_for_the_next_run(documents: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "manifests"
    chosen.mkdir()
    assert ManifestFiles().start_folder() == documents
    ManifestFiles().remember(chosen / "a.json")
    assert ManifestFiles().start_folder() == chosen  # a new object reads window.ini again


def test_a_folder_that_is_gone_falls_back_to_documents(documents: Path, tmp_path: Path) -> None:
    gone = tmp_path / "removed"
    gone.mkdir()
    ManifestFiles().remember(gone / "a.json")
    gone.rmdir()
    assert ManifestFiles().start_folder() == documents


def test_without_a_documents_folder_the_home_folder(documents: Path) -> None:
    documents.rmdir()
    assert ManifestFiles().start_folder() == documents.parent
