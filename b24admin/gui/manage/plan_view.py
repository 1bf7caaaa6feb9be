"""The sync plan as a coloured diff: one row per widget (+ add, ~ change with what changes,
− remove, = unchanged, ? kept), and each item's outcome once the sync has run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from b24admin.core.i18n import _
from b24admin.gui.theme import is_dark

if TYPE_CHECKING:
    from b24admin.core.sync import ItemResult, PlanItem, SyncPlan

# (mark, colour on a light palette, colour on a dark one), by Action value; the words are
# core.sync.ACTION_WORDS.
_ACTIONS: dict[str, tuple[str, str, str]] = {
    "add": ("+", "#2e7d32", "#81c784"),
    "change": ("~", "#9a6700", "#ffb74d"),
    "remove": ("−", "#c62828", "#ef9a9a"),
    "unchanged": ("=", "", ""),
    "keep": ("?", "", ""),
}
_OUTCOME_COLOURS: dict[str, tuple[str, str]] = {
    "applied": ("#2e7d32", "#81c784"),
    "failed": ("#c62828", "#ef9a9a"),
    "lost": ("#c62828", "#ef9a9a"),
    "restored": ("#9a6700", "#ffb74d"),
    "unknown": ("#9a6700", "#ffb74d"),
}
ACTION_COLUMN, WIDGET_COLUMN, OUTCOME_COLUMN = 0, 1, 2


def outcome_text(result: ItemResult) -> str:
    """One item's outcome in words of the chosen language, with why when it did not apply."""
    from b24admin.core.sync import OUTCOME_WORDS

    error, restore_error = result.error, result.restore_error
    value = result.outcome.value
    words = _(OUTCOME_WORDS[value])
    if error is None or value == "applied":
        return words
    why = f"{error.summary} [{error.code}]"
    if value == "restored":
        return _("restored: {why}; the original was bound again").format(why=why)
    if value == "lost":
        if restore_error is not None:
            message = _("lost: {why}; binding the original again failed ({restore})")
            return message.format(why=why, restore=restore_error.summary)
        return _("lost: {why}; binding the original again failed").format(why=why)
    return _("{outcome}: {why}").format(outcome=words, why=why)


class SyncPlanView(QTreeWidget):
    """The plan (objectName ``syncPlanView``), read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPlanView")
        self.setHeaderLabels([self.tr("Plan"), self.tr("Widget"), self.tr("Outcome")])
        self.setUniformRowHeights(True)
        self.setAccessibleName(self.tr("Sync plan"))
        self.setToolTip(self.tr("+ add, ~ change (unbind + bind), − remove, = unchanged, ? kept"))
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ACTION_COLUMN, 150)
        header.resizeSection(WIDGET_COLUMN, 420)
        header.setStretchLastSection(True)
        self._rows: dict[tuple[str, str, int], QTreeWidgetItem] = {}
        self._dark = is_dark(self.palette())

    def set_plan(self, plan: SyncPlan) -> None:
        self.clear()
        self._rows = {item.key: self._add_row(item) for item in plan.items}

    def _add_row(self, item: PlanItem) -> QTreeWidgetItem:
        from b24admin.core.sync import ACTION_WORDS

        mark, light, dark = _ACTIONS[item.action.value]
        words = self.tr(ACTION_WORDS[item.action.value])
        row = QTreeWidgetItem(self, [f"{mark} {words}", item.label(), ""])
        row.setData(ACTION_COLUMN, Qt.ItemDataRole.UserRole, item.action.value)
        colour = dark if self._dark else light
        # Unchanged and kept items recede; the ones that send something stand out.
        brush = (
            QBrush(QColor(colour))
            if colour
            else self.palette().brush(QPalette.ColorRole.PlaceholderText)
        )
        for column in (ACTION_COLUMN, WIDGET_COLUMN):
            row.setForeground(column, brush)
        row.setToolTip(WIDGET_COLUMN, item.label())
        for change in item.changes:
            child = QTreeWidgetItem(row, ["", change, ""])
            child.setToolTip(WIDGET_COLUMN, change)
        row.setExpanded(True)
        return row

    def mark_waiting(self, items: tuple[PlanItem, ...]) -> None:
        for item in items:
            self._rows[item.key].setText(OUTCOME_COLUMN, self.tr("waiting…"))

    def clear_outcomes(self) -> None:
        for row in self._rows.values():
            row.setText(OUTCOME_COLUMN, "")

    def show_result(self, result: ItemResult) -> None:
        row = self._rows.get(result.item.key)
        if row is None:
            return
        text = outcome_text(result)
        row.setText(OUTCOME_COLUMN, text)
        row.setToolTip(OUTCOME_COLUMN, text)
        colours = _OUTCOME_COLOURS.get(result.outcome.value)
        if colours is not None:
            row.setForeground(OUTCOME_COLUMN, QBrush(QColor(colours[1 if self._dark else 0])))

    def action_rows(self) -> list[tuple[str, str, str]]:
        """The plan as shown: (action value, widget label, outcome text) per top-level row."""
        rows = []
        for index in range(self.topLevelItemCount()):
            row = self.topLevelItem(index)
            if row is not None:
                action = str(row.data(ACTION_COLUMN, Qt.ItemDataRole.UserRole))
                rows.append((action, row.text(WIDGET_COLUMN), row.text(OUTCOME_COLUMN)))
        return rows

    def change_lines(self, label: str) -> list[str]:
        """The "what changes" lines under the row of the widget ``label``."""
        for index in range(self.topLevelItemCount()):
            row = self.topLevelItem(index)
            if row is not None and row.text(WIDGET_COLUMN) == label:
                children = (row.child(i) for i in range(row.childCount()))
                return [child.text(WIDGET_COLUMN) for child in children if child is not None]
        return []
