"""The placement picker: grouped, searchable, CRM templates, disabled codes, free text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from b24admin.core.catalogue import load_catalogue
from b24admin.gui.form.placement_combo import CODE_ROLE, HEADER_ROLE, PlacementPicker


@pytest.fixture
def picker(qtbot: QtBot) -> PlacementPicker:
    widget = PlacementPicker(load_catalogue())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _row_of(picker: PlacementPicker, code: str) -> int:
    return picker.combo.findData(code, CODE_ROLE)


def test_starts_empty_with_a_prompt(picker: PlacementPicker) -> None:
    assert picker.code() == ""
    assert picker.combo.currentText() == ""
    assert picker.line_edit.placeholderText()


def test_items_show_code_and_title_with_the_code_as_data(picker: PlacementPicker) -> None:
    row = _row_of(picker, "IM_SIDEBAR")
    assert picker.combo.itemText(row) == "IM_SIDEBAR — Chat: sidebar"
    picker.combo.setCurrentIndex(row)
    assert picker.code() == "IM_SIDEBAR"
    assert "sidebar" in picker.info_label.text().lower()
    assert "Scopes: placement + im" in picker.info_label.text()  # im/sidebar.md header


def test_group_headers_are_not_selectable(picker: PlacementPicker) -> None:
    model = picker.model
    headers = [
        model.item(r).text() for r in range(model.rowCount()) if model.item(r).data(HEADER_ROLE)
    ]
    assert headers == list(load_catalogue().groups)
    for r in range(model.rowCount()):
        if model.item(r).data(HEADER_ROLE):
            assert not model.item(r).flags() & Qt.ItemFlag.ItemIsSelectable
            assert not model.item(r).flags() & Qt.ItemFlag.ItemIsEnabled


def test_codes_follow_their_group_header(picker: PlacementPicker) -> None:
    model = picker.model
    header = None
    group_of = {}
    for r in range(model.rowCount()):
        item = model.item(r)
        if item.data(HEADER_ROLE):
            header = item.text()
        else:
            group_of[item.data(CODE_ROLE)] = header
    assert group_of["IM_SIDEBAR"] == "Messenger"
    assert group_of["TASK_VIEW_TAB"] == "Tasks"
    assert group_of["CRM_{ENTITY}_DETAIL_TAB"] == "CRM"


@pytest.mark.parametrize("code", ["SETTING_CONNECTOR", "LANDING_SETTINGS", "USERFIELD_TYPE"])
def test_codes_bound_elsewhere_are_disabled_with_the_reason(
    picker: PlacementPicker, code: str
) -> None:
    item = picker.model.item(_row_of(picker, code))
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    spec = load_catalogue().get(code)
    assert spec is not None and spec.reason in item.toolTip()


def test_deprecated_code_is_marked(picker: PlacementPicker) -> None:
    item = picker.model.item(_row_of(picker, "IM_SMILES_SELECTOR"))
    assert "deprecated" in item.text().lower()
    assert item.flags() & Qt.ItemFlag.ItemIsEnabled


def test_completer_finds_codes_by_any_part_case_insensitively(picker: PlacementPicker) -> None:
    completer = picker.completer
    completer.setCompletionPrefix("sidebar")
    found = [
        completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())
    ]
    assert "IM_SIDEBAR — Chat: sidebar" in found
    assert "TASK_VIEW_SIDEBAR — Task card: widget (formerly right panel)" in found
    assert all("sidebar" in text.lower() for text in found)
    assert all(text not in load_catalogue().groups for text in found)  # no headers


def test_choosing_a_completion_selects_the_code(picker: PlacementPicker, qtbot: QtBot) -> None:
    completer = picker.completer
    completer.setCompletionPrefix("chat: side")
    index = completer.completionModel().index(0, 0)
    with qtbot.waitSignal(picker.codeChanged) as blocker:
        picker.line_edit.setText(index.data())  # what choosing a completion does
    assert blocker.args == ["IM_SIDEBAR"]


def test_crm_template_with_entity_gives_the_concrete_code(picker: PlacementPicker) -> None:
    picker.combo.setCurrentIndex(_row_of(picker, "CRM_{ENTITY}_DETAIL_TAB"))
    assert picker.entity_combo.isVisible()
    assert not picker.type_id_spin.isVisible()
    picker.entity_combo.setCurrentIndex(picker.entity_combo.findData("DEAL"))
    assert picker.code() == "CRM_DEAL_DETAIL_TAB"
    assert picker.entity_combo.currentText() == "Deal (DEAL)"


def test_smart_process_type_id_gives_the_dynamic_code(
    picker: PlacementPicker, qtbot: QtBot
) -> None:
    picker.combo.setCurrentIndex(_row_of(picker, "CRM_{ENTITY}_DETAIL_TAB"))
    picker.entity_combo.setCurrentIndex(picker.entity_combo.findData("DYNAMIC"))
    assert picker.type_id_spin.isVisible()
    with qtbot.waitSignal(picker.codeChanged) as blocker:
        picker.type_id_spin.setValue(183)
    assert blocker.args == ["CRM_DYNAMIC_183_DETAIL_TAB"]
    spec = picker.spec()
    assert spec is not None and spec.entity_type == "DYNAMIC_183"


def test_template_with_an_irregular_code_uses_it(picker: PlacementPicker) -> None:
    picker.combo.setCurrentIndex(_row_of(picker, "CRM_{ENTITY}_FUNNELS_TOOLBAR"))
    picker.entity_combo.setCurrentIndex(picker.entity_combo.findData("DEAL"))
    assert picker.code() == "CRM_FUNNELS_TOOLBAR"


def test_entity_list_follows_the_template(picker: PlacementPicker) -> None:
    picker.combo.setCurrentIndex(_row_of(picker, "CRM_{ENTITY}_ROBOT_DESIGNER_TOOLBAR"))
    entities = [picker.entity_combo.itemData(i) for i in range(picker.entity_combo.count())]
    assert entities == ["LEAD", "DEAL", "SMART_INVOICE", "DYNAMIC"]


def test_free_text_code_is_kept_as_typed(picker: PlacementPicker) -> None:
    picker.combo.setEditText("MY_NEW_PLACEMENT")
    assert picker.code() == "MY_NEW_PLACEMENT"
    assert picker.spec() is None
    assert "not in the catalogue" in picker.info_label.text()
    assert not picker.entity_combo.isVisible()


@pytest.mark.parametrize(
    ("code", "entity", "type_id"),
    [
        ("CRM_DYNAMIC_183_DETAIL_TAB", "DYNAMIC", 183),
        ("CRM_LEAD_LIST_MENU", "LEAD", None),
        ("CRM_FUNNELS_TOOLBAR", "DEAL", None),
    ],
)
def test_set_code_restores_template_entity_and_type_id(
    picker: PlacementPicker, code: str, entity: str, type_id: int | None
) -> None:
    picker.set_code(code)
    assert picker.code() == code
    assert picker.entity_combo.currentData() == entity
    if type_id is not None:
        assert picker.type_id_spin.value() == type_id


def test_set_code_of_a_plain_code_selects_its_item(picker: PlacementPicker) -> None:
    picker.set_code("PAGE_BACKGROUND_WORKER")
    assert picker.combo.currentIndex() == _row_of(picker, "PAGE_BACKGROUND_WORKER")
    assert picker.code() == "PAGE_BACKGROUND_WORKER"
    assert "one handler per app" in picker.info_label.text()


def test_set_code_emits_once(picker: PlacementPicker, qtbot: QtBot) -> None:
    with qtbot.waitSignal(picker.codeChanged) as blocker:
        picker.set_code("CRM_DYNAMIC_150_DETAIL_TAB")
    assert blocker.args == ["CRM_DYNAMIC_150_DETAIL_TAB"]
