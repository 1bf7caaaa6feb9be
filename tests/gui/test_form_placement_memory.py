"""Switching placements: each placement's options come back for the session, and what a
placement does not use (GROUP_NAME, USER_ID) is disabled, explained and not sent."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import load_catalogue
from b24admin.gui.form.bind_form import BindForm
from b24admin.gui.main_window import MainWindow
from tests.gui.form_filling import child, choose_data, choose_placement


@pytest.fixture
def form(qtbot: QtBot) -> BindForm:
    widget = BindForm(load_catalogue())
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    return widget


def test_a_round_trip_to_another_placement_keeps_the_sidebar_options(form: BindForm) -> None:
    choose_placement(form, "IM_SIDEBAR")
    child(form, QLineEdit, "option_iconName").setText("fa-life-ring")
    child(form, QCheckBox, "contextToken_USER").click()
    child(form, QCheckBox, "contextToken_CHAT").click()
    choose_data(child(form, QComboBox, "option_role"), "ADMIN")
    form.options_panel.editor("color").set_value("AQUA")  # type: ignore[union-attr]
    sidebar = form.request().options
    assert sidebar == {
        "iconName": "fa-life-ring",
        "context": "USER;CHAT",
        "role": "ADMIN",
        "color": "AQUA",
    }
    # CRM_DEAL_DETAIL_TAB is reached through the CRM card-tab template and its entity picker.
    form.picker.set_code("CRM_DEAL_DETAIL_TAB")
    assert form.request().placement == "CRM_DEAL_DETAIL_TAB"
    assert "iconName" not in form.request().options
    choose_placement(form, "IM_SIDEBAR")
    assert form.request().options == sidebar
    assert child(form, QLineEdit, "option_iconName").text() == "fa-life-ring"


def test_group_name_is_disabled_explained_and_not_sent_where_unused(form: BindForm) -> None:
    form.set_request(
        BindRequest(
            placement="TELEPHONY_ANALYTICS_MENU",
            handler="https://widgets.example.com/x",
            group_name="Tools",
            lang_rows=(LangRow("de", "Werkzeug", group_name="Werkzeuge"),),
        )
    )
    edit = child(form, QLineEdit, "groupNameEdit")
    if not form.picker.spec() or not form.picker.spec().uses_group_name:  # type: ignore[union-attr]
        pytest.skip("the analytics menu no longer groups handlers")
    assert edit.isEnabled() and form.request().group_name == "Tools"
    choose_placement(form, "IM_SIDEBAR")
    assert not edit.isEnabled()
    assert "Not sent" in edit.toolTip()
    request = form.request()
    assert request.group_name == "" and request.lang_rows[0].group_name == ""
    assert "GROUP_NAME" not in str(request.to_wire())
    model = form.lang_editor.model
    assert not (model.flags(model.index(0, 3)) & model.flags(model.index(0, 1)).ItemIsEditable)
    assert edit.text() == "Tools"  # kept for a switch back
    choose_placement(form, "TELEPHONY_ANALYTICS_MENU")
    assert form.request().group_name == "Tools"
    assert form.request().lang_rows[0].group_name == "Werkzeuge"


def test_user_id_is_disabled_and_explained_where_unused(form: BindForm) -> None:
    choose_placement(form, "IM_SIDEBAR")
    spin = child(form, QSpinBox, "userIdSpin")
    assert not spin.isEnabled()
    assert "not sent" in spin.toolTip()
    assert form.request().user_id is None


def test_the_installed_list_counts_in_words(sandbox_window: MainWindow, qtbot: QtBot) -> None:
    from tests.gui.form_filling import bind, fill_minimal_sidebar

    fill_minimal_sidebar(sandbox_window.form)
    bind(sandbox_window, qtbot)
    manage = sandbox_window.manage
    with qtbot.waitSignal(manage.refreshed, timeout=20_000):
        manage.refresh()
    assert "1 widget registered on" in manage.panel.status_label.text()
