"""Accessible names for the parts Qt builds inside compound widgets.

A spin box's text field, a combo's drop-down list and an item view's headers are widgets of
their own; assistive tools that walk the widget tree meet them without a name unless we give
one, derived from the owner's name.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTableView,
    QWidget,
)


def name_view_parts(view: QAbstractItemView) -> None:
    """Name an item view's unnamed headers and corner button after the view itself."""
    name = view.accessibleName()
    for part in view.findChildren(QAbstractItemView):
        if not part.accessibleName():
            part.setAccessibleName(view.tr("{0}: headers").format(name))
    for button in view.findChildren(QAbstractButton):
        if not button.accessibleName():
            button.setAccessibleName(view.tr("{0}: select all").format(name))


def name_inner_widgets(root: QWidget) -> None:
    """Name the unnamed inner widgets of ``root``'s spin boxes, combos, fields and tables."""
    for spin in root.findChildren(QAbstractSpinBox):
        for inner in spin.findChildren(QLineEdit):
            if not inner.accessibleName():
                inner.setAccessibleName(spin.accessibleName())
    for combo in root.findChildren(QComboBox):
        name = combo.accessibleName() or combo.toolTip()
        edit = combo.lineEdit()
        if edit is not None and not edit.accessibleName():
            edit.setAccessibleName(name)
        view = combo.view()
        if view is not None and not view.accessibleName():
            view.setAccessibleName(combo.tr("{name}: choices").format(name=name))
    for edit in root.findChildren(QLineEdit):
        # setClearButtonEnabled adds a small tool button inside the field
        for button in edit.findChildren(QAbstractButton):
            if not button.accessibleName():
                button.setAccessibleName(
                    edit.tr("Clear {name}").format(name=edit.accessibleName()).strip()
                )
    for table in root.findChildren(QTableView):
        name_view_parts(table)
