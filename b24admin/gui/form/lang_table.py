"""LANG_ALL entries: a table model over LangRow, a language picker delegate, and the editor
with add/remove buttons. Problems the validator reports for a row are shown in that row
(tinted cells, an icon, and the message as tooltip).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.bind_request import LangRow
from b24admin.core.catalogue import Language
from b24admin.core.validation import Problem, Severity
from b24admin.gui.form.focus_table import FocusFrameTableView
from b24admin.gui.form.problem_label import (
    ProblemLabel,
    ordered,
    problem_text,
    set_base_tooltip,
    severity_tint,
)

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("lang", "TITLE", "DESCRIPTION", "GROUP_NAME")
_FIELDS = ("lang", "title", "description", "group_name")
MIN_VISIBLE_ROWS = 3
MAX_VISIBLE_ROWS = 8
_LOADED = "b24LoadedValue"  # dynamic property: the cell value an editor was loaded with


class LangTableModel(QAbstractTableModel):
    """Rows of LANG_ALL as :class:`LangRow` values; duplicates are allowed so they can be shown.

    Signals:
        rowsEdited(): any cell, row added or row removed.
    """

    rowsEdited = Signal()

    def __init__(self, languages: Sequence[Language], parent: Any = None) -> None:
        super().__init__(parent)
        self._languages = {language.code: language for language in languages}
        self._rows: list[LangRow] = []
        self._problems: dict[tuple[int, int | None], list[Problem]] = {}
        self._palette = QPalette()
        self._group_name_used = True

    # -- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Language") if section == 0 else COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                if section == 3 and not self._group_name_used:
                    return self.tr("Not sent: this placement does not group its handlers")
                return [
                    self.tr("Interface language: users with it see this row's texts"),
                    self.tr("Title in that language (required for each row)"),
                    self.tr("Description in that language"),
                    self.tr("Group name in that language"),
                ][section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def set_group_name_used(self, used: bool) -> None:
        """Whether the placement uses GROUP_NAME; when not, its column is greyed and read-only."""
        if used == self._group_name_used:
            return
        self._group_name_used = used
        column = _FIELDS.index("group_name")
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._group_name_used and index.column() == _FIELDS.index("group_name"):
            return Qt.ItemFlag.ItemIsSelectable  # shown greyed: not enabled, not editable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = index.row(), index.column()
        value = getattr(self._rows[row], _FIELDS[column])
        if role == Qt.ItemDataRole.DisplayRole:
            return self.language_text(value) if column == 0 else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        problems = self._cell_problems(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(problem_text(p) for p in problems)
            return self.language_text(value) if column == 0 else None
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return severity_tint(problems[0].severity, self._palette)
        if role == Qt.ItemDataRole.DecorationRole and problems and self._icon_column(row) == column:
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if problems[0].severity is Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return QApplication.style().standardIcon(icon)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and problems:
            return "; ".join(p.message for p in problems)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value if value is not None else "")
        if index.column() == 0:
            text = text.strip()
        row = self._rows[index.row()]
        field = _FIELDS[index.column()]
        if getattr(row, field) == text:
            return False
        self._rows[index.row()] = replace(row, **{field: text})
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.rowsEdited.emit()
        return True

    # -- rows ---------------------------------------------------------------------------

    def rows(self) -> tuple[LangRow, ...]:
        """The rows as entered, in order."""
        return tuple(self._rows)

    def set_rows(self, rows: Iterable[LangRow]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self._problems.clear()
        self.endResetModel()
        self.rowsEdited.emit()

    def add_row(self, lang: str) -> int:
        """Append a row for ``lang``; returns its index."""
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(LangRow(lang=lang))
        self.endInsertRows()
        self.rowsEdited.emit()
        return position

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove the given row indexes."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        self._problems.clear()  # indexes moved; the next validation puts them back
        self.rowsEdited.emit()

    def first_unused_language(self) -> str:
        """The first catalogue language no row uses yet ("" when all are used)."""
        used = {row.lang for row in self._rows}
        return next((code for code in self._languages if code not in used), "")

    def language_text(self, code: str) -> str:
        """``"de — German"``, or the bare code when it is not one of the known languages."""
        language = self._languages.get(code)
        return f"{code} — {language.name}" if language else code

    def languages(self) -> tuple[Language, ...]:
        """The languages the picker offers."""
        return tuple(self._languages.values())

    # -- problems -----------------------------------------------------------------------

    def set_problems(self, problems: Iterable[Problem], palette: QPalette | None = None) -> None:
        """Show LANG_ALL problems that name a row; a problem without a column marks the row."""
        if palette is not None:
            self._palette = palette
        self._problems = {}
        for problem in problems:
            if problem.row is None or not (0 <= problem.row < len(self._rows)):
                continue
            column = COLUMNS.index(problem.column) if problem.column in COLUMNS else None
            self._problems.setdefault((problem.row, column), []).append(problem)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                [
                    Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ToolTipRole,
                ],
            )

    def _cell_problems(self, row: int, column: int) -> list[Problem]:
        return ordered(self._problems.get((row, column), []) + self._problems.get((row, None), []))

    def _icon_column(self, row: int) -> int:
        columns = [c for (r, c) in self._problems if r == row]
        return 0 if None in columns or not columns else min(c for c in columns if c is not None)


class LanguageDelegate(QStyledItemDelegate):
    """Edits the language column with a combo of the known languages ("de — German")."""

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        if index.column() != 0:
            return super().createEditor(parent, option, index)
        model = index.model()
        combo = QComboBox(parent)
        combo.setObjectName("langCombo")
        combo.setAccessibleName(self.tr("Language"))
        combo.setToolTip(self.tr("Interface language of this row"))
        source = model if isinstance(model, LangTableModel) else None
        for language in source.languages() if source else ():
            combo.addItem(f"{language.code} — {language.name}", language.code)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        # Qt calls this again on every dataChanged that covers an open editor, and the form
        # repaints the rows' problems while the user types: reloading then would throw away
        # the keys typed so far. Load the cell once; again only if its value itself changed.
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.property(_LOADED) == value:
            return
        editor.setProperty(_LOADED, value)
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            if isinstance(editor, QLineEdit):
                editor.selectAll()  # as in a spreadsheet: typing replaces the cell's text
            return
        code = value
        position = editor.findData(code)
        if position < 0:
            editor.addItem(code, code)  # an unknown code from a draft stays selectable
            position = editor.count() - 1
        editor.setCurrentIndex(position)

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class LangTableEditor(QWidget):
    """The table (``langTable``) with ``addLangButton`` and ``removeLangButton``.

    Signals:
        newRowLeft(): the row just added with Add language was left (another row became
            current, or focus went outside the table); its problems may show now.
    """

    newRowLeft = Signal()

    def __init__(self, languages: Sequence[Language], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The row Add language just made: empty, so red at once would scold the user for a
        # title not typed yet. Its problems wait until the user leaves it.
        self.new_row: int | None = None
        self.model = LangTableModel(languages, self)
        self.table = FocusFrameTableView(self)  # visible focus even with no rows
        self.table.empty_text = self.tr("No language rows: press Add language to add one")
        self.table.setObjectName("langTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(LanguageDelegate(self.table))
        self.table.setAccessibleName(self.tr("Language entries (LANG_ALL)"))
        set_base_tooltip(
            self.table,
            self.tr(
                "Titles per interface language. When there is at least one row, Bitrix24 "
                "ignores the Title, Description and Group name fields above."
            ),
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, like every other field
        self.table.installEventFilter(self)  # Tab into the table lands on a TITLE cell
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(90)
        header.setAccessibleName(self.tr("Language table columns"))
        vertical = self.table.verticalHeader()
        vertical.setAccessibleName(self.tr("Language table rows"))
        vertical.setDefaultSectionSize(vertical.minimumSectionSize() + 6)
        for corner in self.table.findChildren(QAbstractButton):
            corner.setAccessibleName(self.tr("Select all language entries"))
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.add_button = QPushButton(self.tr("&Add language"), self)
        self.add_button.setObjectName("addLangButton")
        self.add_button.setAccessibleName(self.tr("Add language"))
        self.add_button.setToolTip(self.tr("Add a row for the first language not used yet"))
        self.remove_button = QPushButton(self.tr("Remo&ve"), self)
        self.remove_button.setObjectName("removeLangButton")
        self.remove_button.setAccessibleName(self.tr("Remove selected languages"))
        self.remove_button.setToolTip(self.tr("Remove the selected rows"))
        self.remove_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_language)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.model.rowsRemoved.connect(self._selection_changed)
        self.model.rowsInserted.connect(self._selection_changed)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._fit_height)
        self._fit_height()

        self.problem_label = ProblemLabel(self.table, self)
        self.problem_label.reserve_line()
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        for signal in (self.model.modelReset, self.model.rowsRemoved):
            signal.connect(self.forget_new_row)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        # The buttons beside the table, not under it: the form's height is the scarce room.
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.table
            and event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
            and not self.table.currentIndex().isValid()
            and self.model.rowCount()
        ):
            # Qt would make the language cell current; the title is what one types first.
            self.table.setCurrentIndex(self.model.index(0, 1))
        return super().eventFilter(watched, event)

    @Slot()
    def add_language(self) -> None:
        """Add a row with the first unused language and start editing its TITLE."""
        lang = self.model.first_unused_language()
        self.forget_new_row()
        row = self.model.add_row(lang)
        self.new_row = row
        title = self.model.index(row, 1)
        self.table.setCurrentIndex(title)
        if self.table.isVisible():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.edit(title)

    @Slot()
    def remove_selected(self) -> None:
        """Remove every row that has a selected cell (or the current row)."""
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        self.model.remove_rows(rows)

    @Slot()
    def forget_new_row(self) -> None:
        """The new row is left (or gone): it is a row like the others from now on."""
        if self.new_row is not None:
            self.new_row = None
            self.newRowLeft.emit()

    @Slot(QModelIndex, QModelIndex)
    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.new_row is not None and current.row() != self.new_row:
            self.forget_new_row()

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        inside = self.table
        if self.new_row is None or old is None:
            return
        if (old is inside or inside.isAncestorOf(old)) and not (
            new is not None and (new is inside or inside.isAncestorOf(new))
        ):
            self.forget_new_row()

    def commit_open_editor(self) -> None:
        """Commit a cell that is still being edited (before the request is read for Bind)."""
        # Moving focus from the editor back to the table closes the editor and commits it.
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self.table and self.table.isAncestorOf(focused):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Row problems into the rows; all of them, with row numbers, under the table."""
        self.model.set_problems(problems, self.palette())
        listed = [
            replace(
                p, message=self.tr("Row {row}: {message}").format(row=p.row + 1, message=p.message)
            )
            if p.row is not None
            else p
            for p in problems
        ]
        self.problem_label.show_problems(listed)

    @Slot()
    def _fit_height(self) -> None:
        # Tall enough for the rows plus one empty line (room to click), 3 to 8 lines; a
        # fixed-height table would leave a big empty box for the usual one or two languages.
        lines = min(max(self.model.rowCount() + 1, MIN_VISIBLE_ROWS), MAX_VISIBLE_ROWS)
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + lines * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        self.table.setFixedHeight(height)

    @Slot()
    def _selection_changed(self) -> None:
        selection = self.table.selectionModel()
        self.remove_button.setEnabled(bool(selection and selection.hasSelection()))
