"""The Installed widgets panel: the table of what the application has registered, a filter, and
the buttons that act on the selection. It only shows and announces; ManageViews acts."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from b24admin.gui.accessibility import name_view_parts
from b24admin.gui.manage.bindings_model import (
    SORT_ROLE,
    WIDGET_ROLE,
    InstalledWidget,
    InstalledWidgetsModel,
    WidgetKey,
)


class InstalledPanel(QWidget):
    """Table (``installedTable``) over a sort/filter proxy, filter (``installedFilter``), the
    action buttons, a status line (``installedStatus``) and the banner shown while the bind
    form edits an installed widget (``editBanner`` with ``stopEditButton``)."""

    def __init__(self, model: InstalledWidgetsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("installedPanel")
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)  # every column
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._has_profile = False
        self._busy = False
        self._build()
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_double_click)
        self._update_buttons()

    def _build(self) -> None:
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("installedFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by placement, handler, title, …"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter installed widgets"))
        self.filter_edit.setToolTip(self.tr("Show only the widgets whose columns contain this"))
        for clear in self.filter_edit.findChildren(QAbstractButton):  # the clear button
            clear.setAccessibleName(self.tr("Clear the filter"))

        self.table = QTableView(self)
        self.table.setObjectName("installedTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(InstalledWidgetsModel.PLACEMENT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 330), (1, 300), (2, 80), (3, 150), (4, 90)):
            header.resizeSection(column, width)
        self.table.setAccessibleName(self.tr("Installed widgets"))
        name_view_parts(self.table)
        self.table.setToolTip(
            self.tr("The widgets this application has registered on the portal (placement.get)")
        )

        self.status_label = QLabel(self)
        self.status_label.setObjectName("installedStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.edit_banner = QFrame(self)
        self.edit_banner.setObjectName("editBanner")
        self.edit_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.edit_label = QLabel(self.edit_banner)
        self.edit_label.setObjectName("editBannerLabel")
        self.edit_label.setWordWrap(True)
        self.edit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stop_edit_button = self._button(
            "stopEditButton",
            self.tr("Stop editing"),
            self.tr("Bind from the form as a new widget instead of replacing this one"),
        )
        banner = QHBoxLayout(self.edit_banner)
        banner.addWidget(self.edit_label, 1)
        banner.addWidget(self.stop_edit_button)
        self.edit_banner.hide()

        self.refresh_button = self._button(
            "refreshButton", self.tr("&Refresh"), self.tr("List the widgets again (placement.get)")
        )
        self.edit_button = self._button(
            "editWidgetButton",
            self.tr("&Edit"),
            self.tr("Load the selected widget into the bind form; Bind then replaces it safely"),
        )
        self.duplicate_button = self._button(
            "duplicateWidgetButton",
            self.tr("D&uplicate"),
            self.tr("Load a copy of the selected widget into the form, with its own handler"),
        )
        self.try_button = self._button(
            "tryWidgetButton",
            self.tr("&Try"),
            self.tr(
                "Open the selected widget's handler as the portal would (placeholder tokens) "
                "and show whether the widget would show"
            ),
        )
        self.unbind_button = self._button(
            "unbindWidgetButton",
            self.tr("&Unbind…"),
            self.tr("Remove the selected widgets from the portal (asks first)"),
        )
        self.export_button = self._button(
            "exportButton", self.tr("E&xport all…"), self.tr("Write the widgets to a manifest")
        )
        self.import_button = self._button(
            "importButton",
            self.tr("&Import…"),
            self.tr("Read a manifest and compare it with the portal (nothing is sent)"),
        )
        self.sync_button = self._button(
            "syncButton",
            self.tr("&Sync…"),
            self.tr("Make the portal's widgets match the imported manifest (plan shown first)"),
        )

        buttons = QHBoxLayout()
        for button in (
            self.refresh_button,
            self.edit_button,
            self.duplicate_button,
            self.try_button,
            self.unbind_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The manifest actions on a row of their own: the panel is a tab beside the form, and
        # seven buttons in one row would make it too wide to leave the form its room.
        manifest_buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.sync_button):
            manifest_buttons.addWidget(button)
        manifest_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.edit_banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addLayout(manifest_buttons)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    # -- what the panel shows ---------------------------------------------------------------

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def set_profile_available(self, available: bool) -> None:
        self._has_profile = available
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        """While a call for the list runs: no second refresh, unbind or sync."""
        self._busy = busy
        self.refresh_button.setText(self.tr("Refreshing…") if busy else self.tr("&Refresh"))
        self._update_buttons()

    def set_editing(self, widget: InstalledWidget | None) -> None:
        """Show (or hide) which installed widget the bind form is editing."""
        self.edit_banner.setVisible(widget is not None)
        if widget is not None:
            self.edit_label.setText(
                self.tr(
                    "The bind form edits {placement} → {handler} ({user}). Bind replaces it "
                    "(unbind + bind; if the portal refuses, the original is bound again)."
                ).format(
                    placement=widget.placement, handler=widget.handler, user=widget.user_text()
                )
            )

    # -- selection --------------------------------------------------------------------------

    def selected_widgets(self) -> list[InstalledWidget]:
        """The selected rows, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        widgets = [self.proxy.index(row, 0).data(WIDGET_ROLE) for row in rows]
        return [w for w in widgets if isinstance(w, InstalledWidget)]

    def select_keys(self, keys: set[WidgetKey]) -> None:
        """Select the rows with these keys (after a refresh put the rows back)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            widget = index.data(WIDGET_ROLE)
            if isinstance(widget, InstalledWidget) and widget.key in keys:
                selection.select(index, flags)

    @Slot()
    def _update_buttons(self) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        ready = self._has_profile and not self._busy
        self.refresh_button.setEnabled(ready)
        self.edit_button.setEnabled(self._has_profile and selected == 1)
        self.duplicate_button.setEnabled(self._has_profile and selected == 1)
        self.try_button.setEnabled(self._has_profile and selected == 1)
        self.unbind_button.setEnabled(ready and selected >= 1)
        self.export_button.setEnabled(self._has_profile and self.model.rowCount() > 0)
        self.export_button.setText(
            self.tr("E&xport selected…") if selected else self.tr("E&xport all…")
        )
        self.import_button.setEnabled(self._has_profile)
        self.sync_button.setEnabled(ready)

    @Slot()
    def _on_double_click(self) -> None:
        if self.edit_button.isEnabled():
            self.edit_button.click()
