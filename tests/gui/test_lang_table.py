"""The LANG_ALL table: model over LangRow, add/remove buttons, problems in rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import LangRow
from b24admin.core.catalogue import load_catalogue
from b24admin.core.validation import Problem, Severity
from b24admin.gui.form.lang_table import LangTableEditor, LangTableModel


@pytest.fixture
def editor(qtbot: QtBot) -> LangTableEditor:
    widget = LangTableEditor(load_catalogue().languages)
    qtbot.addWidget(widget)
    return widget


def test_model_passes_qt_model_checks(qtmodeltester: ModelTester) -> None:
    model = LangTableModel(load_catalogue().languages)
    model.set_rows([LangRow("en", "Hi", "Desc", "Group"), LangRow("xx", "")])
    qtmodeltester.check(model)


def test_columns_and_display(editor: LangTableEditor) -> None:
    model = editor.model
    model.set_rows([LangRow("ua", "Привіт"), LangRow("zz", "Z")])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Language", "TITLE", "DESCRIPTION", "GROUP_NAME"]
    assert model.index(0, 0).data() == "ua — Ukrainian"
    assert model.index(0, 0).data(Qt.ItemDataRole.EditRole) == "ua"
    assert model.index(1, 0).data() == "zz"  # unknown codes are kept and shown as they are
    assert model.index(0, 1).data() == "Привіт"


def test_add_uses_the_first_unused_language(editor: LangTableEditor) -> None:
    editor.model.set_rows([LangRow("en", "Hi")])
    editor.add_button.click()
    editor.add_button.click()
    assert [row.lang for row in editor.model.rows()] == ["en", "de", "la"]
    assert editor.model.rows()[1] == LangRow("de")


def test_remove_takes_the_selected_rows(editor: LangTableEditor) -> None:
    editor.model.set_rows([LangRow("en", "A"), LangRow("de", "B"), LangRow("la", "C")])
    assert not editor.remove_button.isEnabled()
    selection = editor.table.selectionModel()
    for row in (0, 2):
        selection.select(editor.model.index(row, 1), QItemSelectionModel.SelectionFlag.Select)
    assert editor.remove_button.isEnabled()
    editor.remove_button.click()
    assert editor.model.rows() == (LangRow("de", "B"),)
    assert not editor.remove_button.isEnabled()


def test_edits_change_only_their_field(editor: LangTableEditor, qtbot: QtBot) -> None:
    editor.model.set_rows([LangRow("en", "A")])
    with qtbot.waitSignal(editor.model.rowsEdited):
        assert editor.model.setData(editor.model.index(0, 3), "Tools")
    assert editor.model.rows() == (LangRow("en", "A", "", "Tools"),)
    assert not editor.model.setData(editor.model.index(0, 3), "Tools")  # unchanged: no edit


def test_problems_tint_their_cells_with_severity_and_explain(editor: LangTableEditor) -> None:
    editor.model.set_rows([LangRow("en", ""), LangRow("EN", "x")])
    editor.show_problems(
        [
            Problem("LANG_ALL", "needs a title", row=0, column="TITLE"),
            Problem("LANG_ALL", "use lower case", Severity.WARNING, row=1, column="lang"),
        ]
    )
    model = editor.model
    error_tint = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    warning_tint = model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert error_tint is not None and warning_tint is not None
    assert error_tint != warning_tint
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "needs a title" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Row 1: needs a title" in editor.problem_label.text()
    editor.show_problems([])
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not editor.problem_label.isVisibleTo(editor)
