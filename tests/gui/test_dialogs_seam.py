"""The dialog seam and the error dialog as widgets, without a portal."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.gui.dialogs import Dialogs, RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog

PORTAL_ERROR = B24Error(
    code="ERROR_ARGUMENT",
    summary="A required field is missing.",
    advice="Fill in the field the portal named.",
    description="Argument 'iconName' is null or empty",
    argument="iconName",
    http_status=400,
    method="placement.bind",
    request='{"PLACEMENT": "IM_SIDEBAR", "auth": "<redacted>"}',
    response='{"error": "ERROR_ARGUMENT"}',
)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A window for dialogs to belong to (held by the fixture: qtbot only keeps a weak ref)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _button(dialog: QWidget, name: str) -> QPushButton:
    button = dialog.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _text(dialog: QWidget, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_error_dialog_shows_summary_advice_and_every_fact(qtbot: QtBot, parent: QWidget) -> None:
    dialog = Dialogs().error(parent, PORTAL_ERROR)
    assert dialog.objectName() == "errorDialog" and dialog.isVisible()
    assert _text(dialog, "errorSummary") == PORTAL_ERROR.summary
    assert _text(dialog, "errorAdvice") == PORTAL_ERROR.advice
    assert _text(dialog, "errorCode") == "ERROR_ARGUMENT"
    assert _text(dialog, "errorServerDescription") == PORTAL_ERROR.description
    assert _text(dialog, "errorArgument") == "iconName"
    assert _text(dialog, "errorHttpStatus") == "400"


def test_details_are_collapsed_until_asked_for(qtbot: QtBot) -> None:
    dialog = ErrorDialog(PORTAL_ERROR)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details_edit.isVisible()
    dialog.details_toggle.click()
    assert dialog.details_edit.isVisible()
    assert dialog.details_edit.toPlainText() == PORTAL_ERROR.details()


def test_copy_details_puts_the_redacted_details_on_the_clipboard(qtbot: QtBot) -> None:
    dialog = ErrorDialog(PORTAL_ERROR)
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().clear()
    _button(dialog, "copyDetailsButton").click()
    copied = QGuiApplication.clipboard().text()
    assert PORTAL_ERROR.summary in copied and PORTAL_ERROR.details() in copied
    assert "<redacted>" in copied


def test_wrong_auth_type_offers_the_profile_dialog(qtbot: QtBot, parent: QWidget) -> None:
    opened: list[bool] = []
    error = B24Error(code="WRONG_AUTH_TYPE", summary="Webhooks cannot manage widgets.")
    dialog = Dialogs().error(parent, error, on_open_profile=lambda: opened.append(True))
    button = dialog.findChild(QPushButton, "openProfileDialogButton")
    assert button is not None
    button.click()
    assert opened == [True]


def test_other_errors_do_not_offer_the_profile_dialog(qtbot: QtBot, parent: QWidget) -> None:
    dialog = Dialogs().error(parent, PORTAL_ERROR, on_open_profile=lambda: None)
    assert dialog.findChild(QPushButton, "openProfileDialogButton") is None


def test_empty_facts_are_left_out(qtbot: QtBot) -> None:
    error = B24Error(code="KEYRING_UNAVAILABLE", summary="No keyring.", kind=ErrorKind.KEYRING)
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "errorHttpStatus") is None
    assert dialog.findChild(QLabel, "errorArgument") is None
    assert _text(dialog, "errorCode") == "KEYRING_UNAVAILABLE"


def test_opened_signal_announces_each_dialog(qtbot: QtBot, parent: QWidget) -> None:
    dialogs = Dialogs()
    with qtbot.waitSignal(dialogs.opened) as blocker:
        box = dialogs.info(parent, "Done", "The widget is registered.")
    assert blocker.args == [box]
    assert box.text() == "The widget is registered."


def test_confirm_calls_on_yes_only_when_accepted(qtbot: QtBot, parent: QWidget) -> None:
    answers: list[str] = []
    RecordingDialogs(confirm_answer=False).confirm(
        parent, "Remove", "Sure?", lambda: answers.append("no")
    )
    RecordingDialogs(confirm_answer=True).confirm(
        parent, "Remove", "Sure?", lambda: answers.append("yes")
    )
    assert answers == ["yes"]


def test_confirm_left_open_can_be_answered_by_the_test(qtbot: QtBot, parent: QWidget) -> None:
    answers: list[str] = []
    dialogs = RecordingDialogs()
    box = dialogs.confirm(parent, "Remove", "Sure?", lambda: answers.append("yes"))
    assert dialogs.of_type(QMessageBox) == [box]
    _button(box, "confirmYesButton").click()
    assert answers == ["yes"]
