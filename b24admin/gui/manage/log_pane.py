"""The Activity pane: every call b24admin makes, as it happens.

Entries come from :class:`b24admin.core.activity_log.ActivityLog`, already redacted (the client
redacts the URL, the log scrubs every secret it was told about). Its subscribers are called on
the thread that made the call, a worker, so the entry crosses into the GUI thread through a
signal of a small bridge object: the connection is queued, and no widget is touched off the GUI
thread. The pane subscribes after the window is up, so the activity-log module (and its file
handler) stay off the start-up path; calls end after that anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.i18n import N_
from b24admin.gui.accessibility import name_view_parts
from b24admin.gui.manage.table_model import ColumnsTableModel, ModelIndex
from b24admin.gui.widget_builders import selectable_label

if TYPE_CHECKING:
    from b24admin.core.activity_log import ActivityEntry, ActivityLog

MAX_ENTRIES = 5000  # the file keeps everything; the pane keeps the recent past


class ActivityModel(ColumnsTableModel):
    """The pane's rows: one :class:`ActivityEntry` each, oldest first."""

    COLUMNS = (N_("Time"), N_("Method"), N_("Outcome"), "HTTP", N_("Duration"), N_("Address"))

    def __init__(self, parent: QObject | None = None, *, limit: int = MAX_ENTRIES) -> None:
        super().__init__(parent)
        self._entries: list[ActivityEntry] = []
        self._limit = limit

    def append(self, entry: ActivityEntry) -> None:
        if len(self._entries) >= self._limit:
            self.beginRemoveRows(QModelIndex(), 0, 0)
            del self._entries[0]
            self.endRemoveRows()
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(entry)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._entries = []
        self.endResetModel()

    def entries(self) -> list[ActivityEntry]:
        return list(self._entries)

    def row_total(self) -> int:
        return len(self._entries)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(entry)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.line()
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and not entry.ok:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def texts(entry: ActivityEntry) -> tuple[str, str, str, str, str, str]:
        """The row as shown: local time, method, outcome, HTTP status, duration, address."""
        # The chosen language's clock (13:05 or 1:05 PM), with seconds and milliseconds added
        # where its short format has none, and its digit grouping in the duration.
        locale = QLocale()
        clock = locale.timeFormat(QLocale.FormatType.ShortFormat)
        if "s" not in clock:
            clock = clock.replace("mm", "mm:ss.zzz")
        started = QDateTime.fromMSecsSinceEpoch(round(entry.started_at * 1000)).time()
        status = str(entry.http_status) if entry.http_status is not None else "—"
        milliseconds = locale.toString(round(entry.duration * 1000))
        return (
            locale.toString(started, clock),
            entry.method,
            entry.outcome,
            status,
            QCoreApplication.translate("ActivityLog", "{milliseconds} ms").format(
                milliseconds=milliseconds
            ),
            entry.url,
        )


class _EntryBridge(QObject):
    """Carries entries from the calling thread into the GUI thread.

    Signals:
        recorded(object): one ActivityEntry.
    """

    recorded = Signal(object)


class ActivityLogPane(QWidget):
    """The table of calls (``activityLog``), a Clear button and where the log file is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityPane")
        self.model = ActivityModel(self)
        self._unsubscribe: Callable[[], None] | None = None
        # Unparented and held by the subscription's closure too: a worker may emit while the
        # pane is being deleted, and the bridge must still exist then (Qt drops the queued call).
        self._bridge = _EntryBridge()
        self._bridge.recorded.connect(self._add_entry)

        self.table = QTableView(self)
        self.table.setObjectName("activityLog")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 100), (1, 200), (2, 190), (3, 50), (4, 80)):
            header.resizeSection(column, width)
        self.table.setAccessibleName(self.tr("Activity log"))
        name_view_parts(self.table)
        self.table.setToolTip(
            self.tr("Every call to the portal: time, method, outcome, duration (secrets redacted)")
        )

        self.file_label = selectable_label(self, object_name="activityFileLabel", word_wrap=False)
        self.file_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # A long log path must not widen the pane (a tab beside the form): it is cut instead.
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clear_button = QPushButton(self.tr("C&lear"), self)
        self.clear_button.setObjectName("clearActivityButton")
        self.clear_button.setToolTip(self.tr("Empty this list (the log file keeps every call)"))
        self.clear_button.setAccessibleName(self.tr("Clear the activity list"))
        self.clear_button.clicked.connect(self.model.clear)

        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def subscribe(self, log: ActivityLog | None = None) -> None:
        """Start showing the calls of ``log`` (default: the app's activity log)."""
        if self._unsubscribe is not None:
            return
        if log is None:
            from b24admin.core.activity_log import default_activity_log

            log = default_activity_log()
        emit = self._bridge.recorded.emit
        self._unsubscribe = log.subscribe(emit)
        # The pane's C++ side may go before its Python side: unsubscribe from both ends.
        unsubscribe = self._unsubscribe
        self.destroyed.connect(lambda *_args: unsubscribe())
        if log.path is not None:
            self.file_label.setText(self.tr("Also written to {0}").format(log.path))
            self.file_label.setToolTip(str(log.path))

    def unsubscribe(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @Slot(object)
    def _add_entry(self, entry: object) -> None:
        bar = self.table.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        self.model.append(cast("ActivityEntry", entry))
        if at_end:
            self.table.scrollToBottom()
