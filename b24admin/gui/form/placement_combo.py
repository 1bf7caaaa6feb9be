"""Choosing the placement code: a searchable combo grouped like the catalogue, CRM templates
with an entity-type picker (and a smart-process type id), and a line saying where it appears.

The combo stays editable: a code that is not in the catalogue yet is sent as typed (validation
warns). Item text is ``"IM_SIDEBAR — Chat: sidebar"``, item data the code; the code is read back
from the text before the dash, so typing just the code works too.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.catalogue import DYNAMIC, Catalogue, CrmTemplate, PlacementSpec
from b24admin.gui.form.problem_label import set_base_tooltip

CODE_ROLE = Qt.ItemDataRole.UserRole  # the code, or the template pattern
HEADER_ROLE = Qt.ItemDataRole.UserRole + 1  # True on group headers
DASH = " — "
DEFAULT_TYPE_ID = 128  # where the type ids of user-created smart processes usually start


def code_from_text(text: str) -> str:
    """The code part of a combo text: ``"IM_SIDEBAR — Chat: sidebar"`` → ``"IM_SIDEBAR"``."""
    return text.split(DASH, 1)[0].strip()


def _template_title(template: CrmTemplate, entity_word: str) -> str:
    return template.spec.title.replace("{entity}", entity_word).replace(
        "{entity_lower}", entity_word.lower()
    )


def build_placement_model(catalogue: Catalogue, parent: QWidget) -> QStandardItemModel:
    """Group headers (not selectable) followed by their codes; CRM templates first in CRM."""
    model = QStandardItemModel(parent)
    header_font = QFont()
    header_font.setBold(True)
    for group in catalogue.groups:
        header = QStandardItem(group)
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        header.setData(True, HEADER_ROLE)
        header.setFont(header_font)
        header.setAccessibleText(parent.tr("Group: {group}").format(group=group))
        model.appendRow(header)
        for template in (t for t in catalogue.templates if t.spec.group == group):
            title = _template_title(template, parent.tr("Entity"))
            item = QStandardItem(f"{template.pattern}{DASH}{title}")
            item.setData(template.pattern, CODE_ROLE)
            item.setToolTip(
                parent.tr("{where}\nPick the entity type beside the list.").format(
                    where=template.spec.where.replace("{entity_lower}", "entity")
                )
            )
            model.appendRow(item)
        for spec in catalogue.in_group(group):
            if spec.template:
                continue  # reached through its template and the entity picker
            title = spec.title
            if spec.deprecated and "deprecated" not in title.lower():
                title += parent.tr(" (deprecated)")
            item = QStandardItem(f"{spec.code}{DASH}{title}")
            item.setData(spec.code, CODE_ROLE)
            tip = spec.where
            if not spec.bindable:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                tip = parent.tr("Cannot be bound with placement.bind: {reason}").format(
                    reason=spec.reason
                )
            elif spec.deprecated:
                tip = f"{spec.where}\n{spec.reason}"
            item.setToolTip(tip)
            model.appendRow(item)
    return model


class _CodesOnly(QSortFilterProxyModel):
    """The completer's view of the model: codes without the group headers."""

    def filterAcceptsRow(  # noqa: N802 - Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if index.data(HEADER_ROLE):
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class _GroupDelegate(QStyledItemDelegate):
    """Draws group headers bold and in normal text colour (they are disabled, not greyed)."""

    def initStyleOption(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(HEADER_ROLE):
            option.state |= QStyle.StateFlag.State_Enabled
            palette = option.palette  # a copy: change it, then put it back
            for group in (QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Inactive):
                palette.setColor(
                    group,
                    QPalette.ColorRole.Text,
                    palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText),
                )
            option.palette = palette


class PlacementPicker(QWidget):
    """The placement combo (objectName ``placementCombo``), the CRM entity picker
    (``crmEntityCombo``, ``crmTypeIdSpin``) and an info line (``placementInfoLabel``).

    Signals:
        codeChanged(str): the concrete code to send changed.
    """

    codeChanged = Signal(str)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._templates = {t.pattern: t for t in catalogue.templates}
        self._code = ""
        self._loading = False

        self.combo = QComboBox(self)
        self.combo.setObjectName("placementCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(24)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model = build_placement_model(catalogue, self)
        self.combo.setModel(self.model)
        self.combo.setItemDelegate(_GroupDelegate(self.combo))
        self.combo.setAccessibleName(self.tr("Placement"))
        set_base_tooltip(
            self.combo,
            self.tr(
                "Where the widget appears (PLACEMENT). Type to search codes and titles; "
                "a code not in the list is sent as typed."
            ),
        )
        self.line_edit = QLineEdit(self.combo)
        self.combo.setLineEdit(self.line_edit)
        line_edit = self.line_edit
        line_edit.setPlaceholderText(self.tr("Type or pick a placement, e.g. IM_SIDEBAR"))
        line_edit.setAccessibleName(self.tr("Placement code"))
        line_edit.setClearButtonEnabled(True)
        view = self.combo.view()
        if view is not None:
            view.setAccessibleName(self.tr("Placement list"))
            view.setTextElideMode(Qt.TextElideMode.ElideRight)  # keep the code readable
            # The list is wider than the field: show whole "CODE — title" lines.
            view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)

        codes = _CodesOnly(self)
        codes.setSourceModel(self.model)
        completer = QCompleter(codes, self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(16)
        popup = completer.popup()
        if popup is not None:
            popup.setAccessibleName(self.tr("Matching placements"))
        self.combo.setCompleter(completer)
        self.completer = completer

        self.entity_label = QLabel(self.tr("&Entity:"), self)
        self.entity_combo = QComboBox(self)
        self.entity_combo.setObjectName("crmEntityCombo")
        self.entity_combo.setAccessibleName(self.tr("CRM entity type"))
        self.entity_combo.setToolTip(self.tr("The CRM entity whose pages get the widget."))
        self.entity_label.setBuddy(self.entity_combo)
        self.type_id_label = QLabel(self.tr("&Type id:"), self)
        self.type_id_spin = QSpinBox(self)
        self.type_id_spin.setObjectName("crmTypeIdSpin")
        self.type_id_spin.setRange(1, 999_999)
        self.type_id_spin.setValue(DEFAULT_TYPE_ID)
        self.type_id_spin.setAccessibleName(self.tr("Smart process type id"))
        self.type_id_spin.setToolTip(
            self.tr(
                "The smart process's entityTypeId: 183 gives CRM_DYNAMIC_183_… "
                "(its number is in the smart process's address and settings)."
            )
        )
        self.type_id_label.setBuddy(self.type_id_spin)

        self.info_label = QLabel(self)
        self.info_label.setObjectName("placementInfoLabel")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.entity_label)
        row.addWidget(self.entity_combo)
        row.addWidget(self.type_id_label)
        row.addWidget(self.type_id_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.info_label)
        self.setFocusProxy(self.combo)

        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self.combo.editTextChanged.connect(self._update)
        self.entity_combo.currentIndexChanged.connect(self._update)
        self.type_id_spin.valueChanged.connect(self._update)
        self._show_template(None)
        self._show_info()

    # -- public -------------------------------------------------------------------------

    def code(self) -> str:
        """The code to send: the typed code, or the template expanded for the entity."""
        return self._code

    def spec(self) -> PlacementSpec | None:
        """The catalogue's entry for :meth:`code`, or None for an unknown code."""
        return self._catalogue.get(self._code) if self._code else None

    def set_code(self, code: str) -> None:
        """Show ``code``: its list entry (with entity and type id for CRM codes) or the text."""
        spec = self._catalogue.get(code) if code.strip() else None
        self._loading = True  # one codeChanged at the end, not one per child widget
        try:
            if spec is not None and spec.template in self._templates:
                self._select_data(spec.template)
                self._show_template(self._templates[spec.template])
                entity = spec.entity_type
                if entity.startswith(f"{DYNAMIC}_"):
                    self.type_id_spin.setValue(int(entity.split("_", 1)[1]))
                    entity = DYNAMIC
                self.entity_combo.setCurrentIndex(self.entity_combo.findData(entity))
            elif spec is not None and self.combo.findData(spec.code, CODE_ROLE) >= 0:
                self._select_data(spec.code)
            else:
                self.combo.setCurrentIndex(-1)
                self.combo.setEditText(code)
        finally:
            self._loading = False
        self._update()

    # -- internals ----------------------------------------------------------------------

    def _select_data(self, data: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(data, CODE_ROLE))

    def _template(self) -> CrmTemplate | None:
        return self._templates.get(code_from_text(self.combo.currentText()).upper())

    @Slot()
    def _update(self) -> None:
        if self._loading:
            return
        template = self._template()
        self._show_template(template)
        text_code = code_from_text(self.combo.currentText())
        if template is not None:
            entity = self.entity_combo.currentData() or template.entity_types[0]
            if entity == DYNAMIC:
                entity = f"{DYNAMIC}_{self.type_id_spin.value()}"
            code = template.expand(entity).code
        else:
            code = text_code
        if code != self._code:
            self._code = code
            self._show_info()
            self.codeChanged.emit(code)

    def _show_template(self, template: CrmTemplate | None) -> None:
        shown = template is not None
        if template is not None:
            wanted = self.entity_combo.currentData()
            entities = list(template.entity_types)
            if [
                self.entity_combo.itemData(i) for i in range(self.entity_combo.count())
            ] != entities:
                labels = dict(template.entity_labels)
                self.entity_combo.blockSignals(True)
                self.entity_combo.clear()
                for entity in entities:
                    label = labels.get(entity, entity.replace("_", " ").capitalize())
                    shown_code = "DYNAMIC_<id>" if entity == DYNAMIC else entity
                    self.entity_combo.addItem(f"{label} ({shown_code})", entity)
                index = self.entity_combo.findData(wanted)
                self.entity_combo.setCurrentIndex(max(index, 0))
                self.entity_combo.blockSignals(False)
        dynamic = shown and self.entity_combo.currentData() == DYNAMIC
        self.entity_label.setVisible(shown)
        self.entity_combo.setVisible(shown)
        self.type_id_label.setVisible(dynamic)
        self.type_id_spin.setVisible(dynamic)

    def _show_info(self) -> None:
        code = self._code
        spec = self._catalogue.get(code) if code else None
        if not code:
            text = self.tr("Pick where the widget appears.")
        elif spec is None:
            text = self.tr(
                "<b>{code}</b> is not in the catalogue: it is sent as typed. "
                "placement.list shows the codes a portal knows."
            ).format(code=html.escape(code))
        else:
            parts = [f"<b>{html.escape(spec.title)}</b> — {html.escape(spec.where)}"]
            scope = (
                self.tr("Scopes: placement + {scope}").format(scope=html.escape(spec.scope))
                if spec.scope
                else self.tr("Scope: placement")
            )
            extras = [scope]
            if spec.max_handlers == 1:
                extras.append(self.tr("one handler per app"))
            if spec.user_mode:
                extras.append(self.tr("can be limited to one user"))
            parts.append(" · ".join(extras))
            if spec.deprecated or not spec.bindable:
                parts.append(html.escape(spec.reason))
            text = "<br>".join(parts)
        self.info_label.setText(text)
