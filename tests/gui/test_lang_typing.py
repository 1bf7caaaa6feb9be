"""Typing in the language table at a person's pace: every key arrives, Tab into a filled cell
selects its text so typing replaces it (as in a spreadsheet)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import load_catalogue
from b24admin.gui.form.bind_form import BindForm
from tests.gui.person import focused, press, type_text

HANDLER = "https://widgets.example.com/im/sidebar"


@pytest.fixture
def form(qtbot: QtBot) -> BindForm:
    widget = BindForm(load_catalogue())
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def load(form: BindForm, *rows: LangRow) -> None:
    form.set_request(BindRequest(placement="IM_SIDEBAR", handler=HANDLER, lang_rows=rows))


def settled(form: BindForm) -> bool:
    """A person's pause: the problems of the last edit have been shown."""
    return not form.problems_pending()


def test_every_key_arrives_after_tab_moved_to_the_next_cell(form: BindForm, qtbot: QtBot) -> None:
    load(form)
    form.lang_editor.add_button.click()  # opens the new row's TITLE editor
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    type_text(qtbot, "Helfer", between=lambda: settled(form))
    press(qtbot, Qt.Key.Key_Tab)  # commits TITLE, opens DESCRIPTION
    qtbot.waitUntil(lambda: form.lang_editor.table.currentIndex().column() == 2)
    type_text(qtbot, "Werkzeuge", between=lambda: settled(form))
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.request().lang_rows[0].description != "")
    [row] = form.request().lang_rows
    assert (row.title, row.description) == ("Helfer", "Werkzeuge")


def test_tab_into_a_filled_cell_selects_it_so_typing_replaces(form: BindForm, qtbot: QtBot) -> None:
    load(form, LangRow("de", "Alt", "Alte Beschreibung"))
    table = form.lang_editor.table
    table.setFocus(Qt.FocusReason.MouseFocusReason)
    table.setCurrentIndex(form.lang_editor.model.index(0, 1))
    press(qtbot, Qt.Key.Key_F2)  # edit the TITLE cell
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: table.currentIndex().column() == 2)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    assert editor.selectedText() == "Alte Beschreibung"
    type_text(qtbot, "Werkzeuge", between=lambda: settled(form))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.request().lang_rows[0].description == "Werkzeuge")
    assert form.request().lang_rows[0].title == "Alt"


def test_tab_into_the_table_lands_on_the_first_title(form: BindForm, qtbot: QtBot) -> None:
    load(form, LangRow("de", "Alt"))
    form.description_edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(form.description_edit.hasFocus)
    press(qtbot, Qt.Key.Key_Tab)  # IM_SIDEBAR has no GROUP_NAME: Tab passes its disabled field
    assert focused() is form.lang_editor.table
    assert form.lang_editor.table.currentIndex().column() == 1
    type_text(qtbot, "Werkzeuge", between=lambda: settled(form))
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.request().lang_rows[0].title == "Werkzeuge")
    assert form.request().lang_rows[0].lang == "de"
