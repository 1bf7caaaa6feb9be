"""Every interactive widget of the bind form has an accessible name (and a tooltip where it
is a field), whichever placement is chosen; problems are announced with their severity."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import load_catalogue
from b24admin.gui.form import BindForm

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QSpinBox, QAbstractItemView, QPlainTextEdit)
# The fields a user fills in; each carries a tooltip that explains it (from the catalogue for
# options). Inner parts such as a spin box's text field are covered by their owner's tooltip.
FIELDS = (
    "placementCombo",
    "handlerEdit",
    "titleEdit",
    "descriptionEdit",
    "groupNameEdit",
    "langTable",
    "addLangButton",
    "removeLangButton",
    "userIdSpin",
    "userSearchEdit",
    "previewText",
    "copyCurlButton",
    "bindButton",
)


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)]


def describe(widget: QWidget) -> str:
    parent = widget.parentWidget()
    owner = parent.objectName() if parent is not None else ""
    return f"{type(widget).__name__} {widget.objectName()!r} in {owner!r}"


@pytest.fixture
def form(qtbot: QtBot) -> BindForm:
    widget = BindForm(load_catalogue())
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    "code",
    [
        "",
        "IM_SIDEBAR",
        "IM_TEXTAREA",
        "PAGE_BACKGROUND_WORKER",
        "CRM_DYNAMIC_183_DETAIL_ACTIVITY",
        "CRM_BANK_DETAIL_AUTOCOMPLETE",
        "TASK_VIEW_SIDEBAR",
        "LEFT_MENU",
        "NOT_A_KNOWN_CODE",
    ],
)
def test_every_interactive_widget_has_an_accessible_name(form: BindForm, code: str) -> None:
    form.set_request(
        BindRequest(placement=code, lang_rows=(LangRow("en", "Hello"), LangRow("xx", "")))
    )
    widgets = interactive_widgets(form)
    assert len(widgets) > 20  # the check must see the form, not an empty shell
    unnamed = [describe(w) for w in widgets if not w.accessibleName().strip()]
    assert unnamed == [], "\n".join(unnamed)


def test_fields_have_tooltips(form: BindForm) -> None:
    form.picker.set_code("IM_TEXTAREA")
    for name in FIELDS:
        widget = form.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.toolTip().strip(), name
    for key, editor in form.options_panel.editors().items():
        spec = load_catalogue().get("IM_TEXTAREA")
        assert spec is not None
        option = spec.option(key)
        assert option is not None
        assert option.rule in editor.toolTip(), key  # the catalogue's rule, in words


def test_language_picker_editor_is_named(form: BindForm, qtbot: QtBot) -> None:
    form.lang_editor.add_button.click()
    table = form.lang_editor.table
    index = table.model().index(0, 0)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.viewport().findChild(QComboBox, "langCombo")
    assert combo is not None
    assert combo.accessibleName() == "Language"
    assert combo.itemText(combo.currentIndex()) == "en — English"
    assert combo.count() == len(load_catalogue().languages)
    german = combo.findData("de")
    assert combo.itemText(german) == "de — German"
    combo.setCurrentIndex(german)
    table.setCurrentIndex(table.model().index(0, 1))  # leaving the cell commits the choice
    assert form.request().lang_rows[0].lang == "de"
    assert index.data(Qt.ItemDataRole.DisplayRole) == "de — German"


def test_problem_labels_announce_their_severity(form: BindForm, qtbot: QtBot) -> None:
    form.handler_edit.setText("ftp://example.com")
    label = form.findChild(QWidget, "problem_handlerEdit")
    assert label is not None
    qtbot.waitUntil(label.isVisible)
    assert label.accessibleName().startswith("Error: ")
