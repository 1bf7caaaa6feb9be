"""The bind form: filling IM_SIDEBAR end to end, options per placement, inline validation,
the live preview, Bind and Ctrl+Return, and loading a request back."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import Catalogue
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.form import BindForm
from b24admin.gui.form.color_picker import ImColorPicker
from b24admin.gui.form.placement_combo import CODE_ROLE
from b24admin.gui.form.preview import PreviewPane, bind_endpoint
from tests.gui.form_filling import child


@pytest.fixture
def form(qtbot: QtBot, catalogue: Catalogue) -> BindForm:
    widget = BindForm(catalogue)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    return widget


def choose_placement(form: BindForm, code: str) -> None:
    combo = child(form, QComboBox, "placementCombo")
    combo.setCurrentIndex(combo.findData(code, CODE_ROLE))
    assert combo.currentData(CODE_ROLE) == code


def type_cell(form: BindForm, qtbot: QtBot, row: int, column: int, text: str) -> None:
    """Type into a language-table cell through its editor, as a user would."""
    table = form.lang_editor.table
    index = table.model().index(row, column)

    def open_editors() -> list[QLineEdit]:
        return [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]

    table.setCurrentIndex(index)  # commits and closes an editor open on another cell
    if not open_editors():  # Add language already opened the editor of its TITLE cell
        table.edit(index)
    [editor] = open_editors()
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: index.data(Qt.ItemDataRole.EditRole) == text)


def test_filled_im_sidebar_gives_the_exact_wire_form(
    form: BindForm, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        ImColorPicker,
        "pick_color",
        staticmethod(lambda parent, initial, on_picked: on_picked(QColor("#2a5f9e"))),
    )
    # setEditText, not keyClicks: typing opens the completer popup, which the offscreen
    # platform answers with warnings (the completer itself is tested in test_placement_combo).
    child(form, QComboBox, "placementCombo").setEditText("IM_SIDEBAR")
    qtbot.keyClicks(child(form, QLineEdit, "handlerEdit"), "https://app.example.com/sidebar")
    child(form, QPushButton, "addLangButton").click()
    type_cell(form, qtbot, 0, 1, "Notes")
    type_cell(form, qtbot, 0, 2, "Team notes")
    child(form, QPushButton, "addLangButton").click()
    type_cell(form, qtbot, 1, 1, "Notizen")
    child(form, QLineEdit, "option_iconName").setText("fa-sticky-note")
    extranet = child(form, QComboBox, "option_extranet")
    extranet.setCurrentIndex(extranet.findData("Y"))
    child(form, QCheckBox, "contextToken_USER").click()
    child(form, QCheckBox, "contextToken_CHAT").click()
    role = child(form, QComboBox, "option_role")
    role.setCurrentIndex(role.findData("ADMIN"))
    picker = child(form, ImColorPicker, "option_color")
    picker.custom_button.click()

    assert picker.snap_label.text() == "#2a5f9e → nearest IM colour: AZURE"
    assert form.request().to_wire() == {
        "PLACEMENT": "IM_SIDEBAR",
        "HANDLER": "https://app.example.com/sidebar",
        "LANG_ALL": {
            "en": {"TITLE": "Notes", "DESCRIPTION": "Team notes"},
            "de": {"TITLE": "Notizen"},
        },
        "OPTIONS": {
            "iconName": "fa-sticky-note",
            "extranet": "Y",
            "context": "USER;CHAT",
            "role": "ADMIN",
            "color": "AZURE",
        },
    }
    assert form.problems() == []
    assert form.bind_button.isEnabled()


def test_context_all_unchecks_the_other_tokens_and_back(form: BindForm) -> None:
    choose_placement(form, "IM_SIDEBAR")
    child(form, QCheckBox, "contextToken_USER").click()
    child(form, QCheckBox, "contextToken_LINES").click()
    assert form.request().options["context"] == "USER;LINES"
    child(form, QCheckBox, "contextToken_ALL").click()
    assert form.request().options["context"] == "ALL"
    assert not child(form, QCheckBox, "contextToken_USER").isChecked()
    child(form, QCheckBox, "contextToken_CRM").click()
    assert form.request().options["context"] == "CRM"


def test_unset_options_are_not_sent_and_show_their_default(form: BindForm) -> None:
    choose_placement(form, "IM_SIDEBAR")
    extranet = child(form, QComboBox, "option_extranet")
    assert extranet.currentText().startswith("Default (N")
    assert "context" not in form.request().options
    assert "OPTIONS" not in form.request().to_wire()


@pytest.mark.parametrize(
    ("code", "keys"),
    [
        ("IM_SIDEBAR", ["iconName", "extranet", "context", "role", "color"]),
        ("IM_TEXTAREA", ["iconName", "extranet", "context", "role", "color", "width", "height"]),
        ("IM_CONTEXT_MENU", ["extranet", "context", "role"]),
        ("IM_NAVIGATION", ["iconName", "extranet", "role"]),
        ("IMMOBILE_CONTEXT_MENU", ["extranet", "context", "role"]),
        ("PAGE_BACKGROUND_WORKER", ["errorHandlerUrl"]),
        (
            "CRM_DEAL_DETAIL_ACTIVITY",
            ["useBuiltInInterface", "newUserNotificationTitle", "newUserNotificationText"],
        ),
        ("CRM_REQUISITE_AUTOCOMPLETE", ["countries"]),
        ("TASK_VIEW_TAB", ["groupId"]),
    ],
)
def test_option_editors_follow_the_placement(form: BindForm, code: str, keys: list[str]) -> None:
    form.picker.set_code(code)
    names = [w.objectName() for w in form.options_panel.editors().values()]
    assert names == [f"option_{key}" for key in keys]
    assert not form.options_panel.no_options_label.isVisibleTo(form)
    for key in keys:
        assert child(form, QWidget, f"option_{key}").isVisibleTo(form)


def test_switching_placement_removes_editors_of_the_old_one(form: BindForm) -> None:
    form.picker.set_code("IM_TEXTAREA")
    form.picker.set_code("TASK_VIEW_TAB")
    assert form.findChild(QWidget, "option_width") is None
    assert form.findChild(QWidget, "option_iconName") is None
    assert form.findChild(QWidget, "option_groupId") is not None


def test_im_textarea_width_and_height_default_to_100_and_send_changes(form: BindForm) -> None:
    choose_placement(form, "IM_TEXTAREA")
    width = child(form, QSpinBox, "option_width")
    height = child(form, QSpinBox, "option_height")
    assert (width.value(), height.value(), width.minimum()) == (100, 100, 0)
    assert "default" in width.text()
    width.setValue(80)
    assert "default" not in width.text()
    assert form.request().options == {"width": 80}


def test_background_worker_enables_user_id_and_needs_the_error_handler(
    form: BindForm,
) -> None:
    spin = child(form, QSpinBox, "userIdSpin")
    assert not spin.isEnabled()
    choose_placement(form, "PAGE_BACKGROUND_WORKER")
    assert spin.isEnabled()
    spin.setValue(7)
    child(form, QLineEdit, "option_errorHandlerUrl").setText("https://app.example.com/err")
    wire = form.request().to_wire()
    assert wire["USER_ID"] == 7
    assert wire["OPTIONS"] == {"errorHandlerUrl": "https://app.example.com/err"}
    spin.setValue(0)
    assert "USER_ID" not in form.request().to_wire()  # 0 = all users = not sent


def test_user_id_is_not_sent_when_the_placement_has_no_user_mode(form: BindForm) -> None:
    choose_placement(form, "PAGE_BACKGROUND_WORKER")
    child(form, QSpinBox, "userIdSpin").setValue(7)
    choose_placement(form, "LEFT_MENU")
    assert not child(form, QSpinBox, "userIdSpin").isEnabled()
    assert form.request().user_id is None


def test_crm_detail_activity_built_in_interface_enum(form: BindForm) -> None:
    form.picker.set_code("CRM_LEAD_DETAIL_ACTIVITY")
    combo = child(form, QComboBox, "option_useBuiltInInterface")
    combo.setCurrentIndex(combo.findData("Y"))
    child(form, QLineEdit, "option_newUserNotificationTitle").setText("Welcome")
    assert form.request().options == {
        "useBuiltInInterface": "Y",
        "newUserNotificationTitle": "Welcome",
    }


def test_task_view_tab_group_ids_accept_only_digits_and_commas(
    form: BindForm, qtbot: QtBot
) -> None:
    choose_placement(form, "TASK_VIEW_TAB")
    edit = child(form, QLineEdit, "option_groupId")
    qtbot.keyClicks(edit, "11, 12x")
    assert edit.text() == "11,12"
    assert form.request().options == {"groupId": "11,12"}


def test_placement_without_options_says_so(form: BindForm) -> None:
    choose_placement(form, "LEFT_MENU")
    note = form.options_panel.no_options_label
    assert note.isVisibleTo(form)
    assert note.text() == "This placement has no options."
    assert form.options_panel.editors() == {}


def test_shared_option_values_survive_a_placement_switch(form: BindForm) -> None:
    choose_placement(form, "IM_SIDEBAR")
    child(form, QLineEdit, "option_iconName").setText("fa-rocket")
    choose_placement(form, "IM_TEXTAREA")
    assert child(form, QLineEdit, "option_iconName").text() == "fa-rocket"


def test_crm_template_and_smart_process_type_id_give_the_dynamic_code(form: BindForm) -> None:
    choose_placement(form, "CRM_{ENTITY}_DETAIL_TAB")
    entity = child(form, QComboBox, "crmEntityCombo")
    entity.setCurrentIndex(entity.findData("DYNAMIC"))
    child(form, QSpinBox, "crmTypeIdSpin").setValue(183)
    assert form.request().to_wire()["PLACEMENT"] == "CRM_DYNAMIC_183_DETAIL_TAB"
    assert '"PLACEMENT": "CRM_DYNAMIC_183_DETAIL_TAB"' in form.preview.text.toPlainText()


def test_codes_that_cannot_be_bound_are_disabled(form: BindForm) -> None:
    combo = child(form, QComboBox, "placementCombo")
    for code in ("SETTING_CONNECTOR", "LANDING_SETTINGS"):
        item = form.picker.model.item(combo.findData(code, CODE_ROLE))
        assert not item.isEnabled()
        assert "Cannot be bound with placement.bind" in item.toolTip()


def test_problem_shows_beside_its_field_and_blocks_bind(form: BindForm, qtbot: QtBot) -> None:
    choose_placement(form, "LEFT_MENU")
    qtbot.keyClicks(child(form, QLineEdit, "handlerEdit"), "http://localhost/app")
    label = child(form, QLabel, "problem_handlerEdit")
    qtbot.waitUntil(label.isVisible)
    assert label.property("severity") == "error"
    assert "localhost" in label.text()
    assert "full host name" in form.handler_edit.toolTip()
    assert not form.bind_button.isEnabled()
    assert "Fix these first" in form.bind_button.toolTip()
    assert "HANDLER" in form.bind_button.toolTip()
    form.handler_edit.setText("https://app.example.com/menu")
    qtbot.waitUntil(lambda: not label.isVisible())
    assert form.bind_button.isEnabled()
    assert "full host name" not in form.handler_edit.toolTip()


def test_untouched_empty_form_blocks_bind_without_shouting(form: BindForm) -> None:
    assert not form.bind_button.isEnabled()
    assert "PLACEMENT" in form.bind_button.toolTip()
    assert not child(form, QLabel, "problem_placementCombo").isVisible()


def test_option_problem_shows_under_the_option(form: BindForm, qtbot: QtBot) -> None:
    choose_placement(form, "IM_SIDEBAR")
    form.handler_edit.setText("https://app.example.com/h")
    edit = child(form, QLineEdit, "option_iconName")
    edit.setText("x")
    edit.setText("")
    label = child(form, QLabel, "problem_option_iconName")
    qtbot.waitUntil(label.isVisible)
    assert "iconName" in label.text()
    assert not form.bind_button.isEnabled()


def test_language_row_problems_show_in_their_row(form: BindForm, qtbot: QtBot) -> None:
    choose_placement(form, "LEFT_MENU")
    add = child(form, QPushButton, "addLangButton")
    add.click()
    add.click()
    type_cell(form, qtbot, 0, 1, "Menu")
    model = form.lang_editor.model
    model.setData(model.index(1, 0), "en")  # a duplicate language, without a TITLE
    qtbot.waitUntil(lambda: model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None)
    assert "already used in row 1" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "needs a title" in model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Row 2" in child(form, QLabel, "problem_langTable").text()


def test_warning_looks_different_from_an_error(form: BindForm, qtbot: QtBot) -> None:
    form.picker.combo.setEditText("MY_NEW_PLACEMENT")
    warning = child(form, QLabel, "problem_placementCombo")
    qtbot.keyClicks(form.handler_edit, "ftp://x")
    error = child(form, QLabel, "problem_handlerEdit")
    qtbot.waitUntil(lambda: warning.isVisible() and error.isVisible())
    assert warning.property("severity") == "warning"
    assert error.property("severity") == "error"
    assert warning.text().startswith("⚠") and error.text().startswith("✖")
    assert warning.styleSheet() != error.styleSheet()
    assert warning.accessibleName().startswith("Warning:")
    assert error.accessibleName().startswith("Error:")


def test_warnings_alone_do_not_block_bind(form: BindForm, qtbot: QtBot) -> None:
    form.picker.combo.setEditText("IM_SMILES_SELECTOR")  # deprecated
    form.handler_edit.setText("https://app.example.com/s")
    warnings = form.problems()
    assert warnings and all(not p.is_error for p in warnings)
    assert form.bind_button.isEnabled()


def test_preview_is_the_wire_body_and_updates_as_you_type(form: BindForm, qtbot: QtBot) -> None:
    form.set_endpoint("https://demo.bitrix24.com/rest/placement.bind.json", "oauth")
    choose_placement(form, "LEFT_MENU")
    qtbot.keyClicks(form.title_edit, "Reports")
    body = json.loads(form.preview.text.toPlainText())
    assert body == {**form.request().to_wire(), "auth": "<redacted>"}
    assert body["TITLE"] == "Reports"
    assert form.preview.text.isReadOnly()


def test_copy_curl_copies_the_oauth_endpoint_with_a_redacted_auth(
    form: BindForm, qtbot: QtBot
) -> None:
    # That no real token reaches the preview or this copy, for a profile that has one, is
    # pinned against the sandbox in test_curl_with_secrets.py.
    form.set_endpoint("https://demo.bitrix24.com", "oauth")
    choose_placement(form, "LEFT_MENU")
    form.handler_edit.setText("https://app.example.com/menu")
    child(form, QToolButton, "copyCurlButton").click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("curl ")
    assert "https://demo.bitrix24.com/rest/placement.bind.json" in copied
    assert '"auth": "<redacted>"' in copied


def test_webhook_preview_uses_the_redacted_url_without_auth(form: BindForm) -> None:
    url = "https://demo.bitrix24.com/rest/1/<redacted>/placement.bind.json"
    form.set_endpoint(url, "webhook")
    assert "auth" not in json.loads(form.preview.text.toPlainText())
    assert url in form.preview.curl()


def test_preview_follows_a_change_of_endpoint_kind_on_its_own(qtbot: QtBot) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.set_request(BindRequest(placement="LEFT_MENU"))
    pane.set_endpoint("https://demo.bitrix24.com/rest/placement.bind.json", "oauth")
    assert json.loads(pane.text.toPlainText())["auth"] == "<redacted>"
    pane.set_endpoint("https://demo.bitrix24.com/rest/1/<redacted>/placement.bind.json", "webhook")
    assert "auth" not in json.loads(pane.text.toPlainText()) and "auth" not in pane.curl()


def test_curl_with_secrets_is_requested_only_after_confirmation(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    for answer, expected in ((False, 0), (True, 1)):
        dialogs = RecordingDialogs(confirm_answer=answer)
        form = BindForm(catalogue, dialogs=dialogs)
        qtbot.addWidget(form)
        form.set_endpoint("https://demo.bitrix24.com", "oauth")
        form.picker.set_code("LEFT_MENU")
        received: list[BindRequest] = []
        form.curlWithSecretsRequested.connect(received.append)
        form.preview.copy_secrets_action.trigger()
        assert len(received) == expected
        if expected:
            assert received[0].placement == "LEFT_MENU"


def test_bind_button_emits_the_request_when_valid(form: BindForm, qtbot: QtBot) -> None:
    choose_placement(form, "LEFT_MENU")
    form.handler_edit.setText("https://app.example.com/menu")
    with qtbot.waitSignal(form.bindRequested) as blocker:
        form.bind_button.click()
    assert blocker.args[0].to_wire()["PLACEMENT"] == "LEFT_MENU"


def test_ctrl_return_emits_bind_requested(form: BindForm, qtbot: QtBot) -> None:
    choose_placement(form, "LEFT_MENU")
    form.handler_edit.setText("https://app.example.com/menu")
    form.activateWindow()
    qtbot.waitActive(form)
    form.title_edit.setFocus()
    with qtbot.waitSignal(form.bindRequested) as blocker:
        qtbot.keyClick(form.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].handler == "https://app.example.com/menu"


def test_ctrl_return_with_errors_shows_them_all_and_does_not_bind(
    form: BindForm, qtbot: QtBot
) -> None:
    choose_placement(form, "IM_SIDEBAR")
    form.activateWindow()
    qtbot.waitActive(form)
    with qtbot.assertNotEmitted(form.bindRequested):
        qtbot.keyClick(form.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert child(form, QLabel, "problem_handlerEdit").isVisible()
    assert child(form, QLabel, "problem_option_iconName").isVisible()


def test_busy_form_shows_progress_and_cannot_bind_twice(form: BindForm, qtbot: QtBot) -> None:
    choose_placement(form, "LEFT_MENU")
    form.handler_edit.setText("https://app.example.com/menu")
    form.set_busy(True)
    assert form.bind_button.text() == "Binding…"
    assert not form.bind_button.isEnabled()
    with qtbot.assertNotEmitted(form.bindRequested):
        form.try_bind()  # what Ctrl+Return does
    form.set_busy(False)
    assert form.bind_button.text() == "Bind" and form.bind_button.isEnabled()


def test_set_request_round_trip(form: BindForm) -> None:
    request = BindRequest(
        placement="IM_TEXTAREA",
        handler="https://app.example.com/area",
        title="Area",
        description="A panel",
        group_name="Tools",
        lang_rows=(LangRow("en", "Area", "A panel", "Tools"), LangRow("ua", "Панель")),
        options={
            "iconName": "fa-rocket",
            "extranet": "N",
            "context": "USER;LINES",
            "role": "USER",
            "color": "MINT",
            "width": 50,
            "height": 0,
        },
    )
    form.set_request(request)
    # IM_TEXTAREA does not group handlers: GROUP_NAME stays in its field but is not sent.
    assert form.request() == request.with_changes(
        group_name="", lang_rows=(LangRow("en", "Area", "A panel", ""), LangRow("ua", "Панель"))
    )
    assert child(form, QLineEdit, "groupNameEdit").text() == "Tools"
    assert child(form, ImColorPicker, "option_color").swatch("MINT").isChecked()


def test_set_request_round_trip_for_a_smart_process_worker_and_free_code(form: BindForm) -> None:
    for request in (
        BindRequest(placement="CRM_DYNAMIC_183_DETAIL_TAB", handler="https://a.example.com/"),
        BindRequest(
            placement="PAGE_BACKGROUND_WORKER",
            handler="https://a.example.com/w",
            options={"errorHandlerUrl": "https://a.example.com/e"},
            user_id=12,
        ),
        BindRequest(placement="MY_FUTURE_PLACEMENT", handler="https://a.example.com/f"),
    ):
        form.set_request(request)
        assert form.request() == request


def test_set_request_keeps_values_the_editors_cannot_show(form: BindForm) -> None:
    request = BindRequest(
        placement="IM_SIDEBAR",
        handler="https://a.example.com/",
        options={
            "iconName": "fa-rocket",
            "role": "OWNER",
            "context": "USER; CHAT",
            "color": "lightBlue",
            "legacy": "1",
        },
    )
    form.set_request(request)
    assert form.request().options == request.options
    fields = {p.field for p in form.problems()}
    assert {"OPTIONS.role", "OPTIONS.context", "OPTIONS.color"} <= fields
    assert child(form, QLabel, "problem_option_role").isVisible()  # loaded: shown at once


def test_set_request_emits_request_changed_once(form: BindForm, qtbot: QtBot) -> None:
    seen: list[BindRequest] = []
    form.requestChanged.connect(seen.append)
    form.set_request(BindRequest(placement="IM_SIDEBAR", options={"iconName": "fa-rocket"}))
    assert len(seen) == 1 and seen[0].options == {"iconName": "fa-rocket"}


def test_every_edit_emits_request_changed_and_validation_emits_problems(
    form: BindForm, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(form.requestChanged) as changed:
        form.title_edit.setText("T")
    assert changed.args[0].title == "T"
    with qtbot.waitSignal(form.problemsChanged) as validated:
        form.handler_edit.setText("nonsense")
    assert any(p.field == "HANDLER" for p in validated.args[0])


def test_tab_order_follows_the_form_top_to_bottom(form: BindForm) -> None:
    choose_placement(form, "IM_TEXTAREA")
    expected = [
        "placementCombo",
        "handlerEdit",
        "titleEdit",
        "descriptionEdit",
        "groupNameEdit",
        "langTable",
        "addLangButton",
        "option_iconName",
        "option_extranet",
        "contextToken_ALL",
        "option_role",
        "colorSwatch_none",
        "customColorButton",
        "option_width",
        "option_height",
        "previewText",
        "copyCurlButton",
        "bindButton",
    ]
    order: list[str] = []
    widget: QWidget | None = form.picker.combo
    for _ in range(500):
        assert widget is not None
        name = widget.objectName()
        if name in expected and name not in order:
            order.append(name)
        widget = widget.nextInFocusChain()
        if widget is form.picker.combo:
            break
    assert order == expected


@pytest.mark.parametrize(
    ("url", "auth", "expected"),
    [
        (
            "https://demo.bitrix24.com",
            "oauth",
            "https://demo.bitrix24.com/rest/placement.bind.json",
        ),
        (
            "https://demo.bitrix24.com/",
            "oauth",
            "https://demo.bitrix24.com/rest/placement.bind.json",
        ),
        (
            "https://demo.bitrix24.com/rest/placement.bind.json",
            "oauth",
            "https://demo.bitrix24.com/rest/placement.bind.json",
        ),
        (
            "https://demo.bitrix24.com/rest/1/<redacted>/",
            "webhook",
            "https://demo.bitrix24.com/rest/1/<redacted>/placement.bind.json",
        ),
        ("", "", ""),
    ],
)
def test_endpoint_is_completed_to_the_placement_bind_url(
    form: BindForm, url: str, auth: str, expected: str
) -> None:
    assert bind_endpoint(url, auth) == expected
    form.set_endpoint(url, auth)
    assert (expected or "https://<portal>/rest/placement.bind.json") in form.preview.curl()


def test_a_loaded_request_shows_the_start_of_each_text(form: BindForm) -> None:
    handler = "https://widgets.example.com/" + "a" * 200 + "/sidebar"
    form.set_request(BindRequest(placement="IM_SIDEBAR", handler=handler, title="T" * 200))
    # A narrow field (200 % scale) shows "https://…", not the end of the address.
    assert form.handler_edit.cursorPosition() == 0
    assert form.title_edit.cursorPosition() == 0
    assert form.handler_edit.text() == handler
