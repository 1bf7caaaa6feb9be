"""When a field's problems appear: after a pause in typing or on leaving the field, never on
the first keystroke; a language row just added waits until it is left; the fields below do not
jump when a problem appears; the "ignored top-level text" warning moves the text in one click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
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
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def label(form: BindForm, name: str) -> QLabel:
    found = form.findChild(QLabel, name)
    assert found is not None, name
    return found


def handler_problem(form: BindForm) -> QLabel:
    return label(form, "problem_handlerEdit")


def start_typing_handler(form: BindForm, qtbot: QtBot) -> None:
    form.picker.set_code("LEFT_MENU")
    qtbot.waitUntil(lambda: not form.problems_pending())
    qtbot.mouseClick(form.handler_edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: focused() is form.handler_edit)


def test_first_keystroke_shows_no_problem_but_a_pause_does(form: BindForm, qtbot: QtBot) -> None:
    start_typing_handler(form, qtbot)
    press(qtbot, "f")
    # Bind follows at once; the words wait for the pause.
    assert not form.bind_button.isEnabled()
    assert "HANDLER" in form.bind_button.toolTip()
    assert form.problems_pending()
    assert not handler_problem(form).isVisible()
    type_text(qtbot, "tp://x")
    assert not handler_problem(form).isVisible()
    qtbot.waitUntil(lambda: handler_problem(form).isVisible())
    assert focused() is form.handler_edit
    assert handler_problem(form).property("severity") == "error"


def test_leaving_the_field_shows_its_problem_at_once(form: BindForm, qtbot: QtBot) -> None:
    start_typing_handler(form, qtbot)
    type_text(qtbot, "ftp://x")
    assert not handler_problem(form).isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not form.handler_edit
    assert handler_problem(form).isVisible()  # no waiting for the pause
    assert not form.problems_pending()


def test_the_field_below_does_not_move_when_a_problem_appears(form: BindForm, qtbot: QtBot) -> None:
    def below() -> int:  # how far under the handler field the title field is
        origin = form.handler_edit.mapTo(form, QPoint(0, 0)).y()
        return form.title_edit.mapTo(form, QPoint(0, 0)).y() - origin

    start_typing_handler(form, qtbot)
    distance = below()
    height = handler_problem(form).height()
    type_text(qtbot, "ftp://x")
    qtbot.waitUntil(lambda: handler_problem(form).isVisible())  # the pause
    QApplication.processEvents()
    assert handler_problem(form).height() == height  # one line, as reserved
    assert below() == distance


def test_a_new_language_row_is_not_red_until_it_is_left(form: BindForm, qtbot: QtBot) -> None:
    form.set_request(BindRequest(placement="IM_SIDEBAR", handler=HANDLER))  # all problems show
    qtbot.mouseClick(form.lang_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    model = form.lang_editor.model
    title = model.index(0, 1)
    assert any(p.row == 0 for p in form.problems())  # the row has a problem: no title
    assert not form.bind_button.isEnabled()
    qtbot.waitUntil(lambda: not form.problems_pending())  # the pause has passed
    assert title.data(Qt.ItemDataRole.BackgroundRole) is None
    assert not form.lang_editor.problem_label.isVisible()
    qtbot.mouseClick(form.handler_edit, Qt.MouseButton.LeftButton)  # leave the row
    qtbot.waitUntil(lambda: focused() is form.handler_edit)
    assert title.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Row 1" in form.lang_editor.problem_label.text()


def click_link(qtbot: QtBot, link: QLabel) -> None:
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=link.rect().center())


def test_ignored_texts_move_into_the_language_row_in_one_click(
    form: BindForm, qtbot: QtBot
) -> None:
    form.set_request(
        BindRequest(
            placement="LEFT_MENU",
            handler=HANDLER,
            title="Helfer",
            description="Werkzeuge",
            lang_rows=(LangRow("de", ""),),
        )
    )
    link = label(form, "moveIntoLangRows_TITLE")
    assert link.isVisible()
    assert link.height() <= label(form, "problem_titleEdit").height()  # no jump
    assert "ignored" in label(form, "problem_titleEdit").text()
    click_link(qtbot, link)
    qtbot.waitUntil(lambda: form.title_edit.text() == "")
    [row] = form.request().lang_rows
    assert (row.lang, row.title, row.description) == ("de", "Helfer", "Werkzeuge")
    assert form.description_edit.text() == ""
    assert not link.isVisible()
    assert not any("ignored" in p.message for p in form.problems())
    assert form.bind_button.isEnabled()


def test_moving_never_overwrites_a_row_text(form: BindForm, qtbot: QtBot) -> None:
    form.set_request(
        BindRequest(
            placement="LEFT_MENU",
            handler=HANDLER,
            title="Neu",
            description="Werkzeuge",
            lang_rows=(LangRow("de", "Alt"),),
        )
    )
    click_link(qtbot, label(form, "moveIntoLangRows_DESCRIPTION"))
    qtbot.waitUntil(lambda: form.description_edit.text() == "")
    [row] = form.request().lang_rows
    assert (row.title, row.description) == ("Alt", "Werkzeuge")
    assert form.title_edit.text() == "Neu"  # kept: the row has its own title
    assert label(form, "moveIntoLangRows_TITLE").isVisible()
