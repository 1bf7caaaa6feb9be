"""“Test connection”: run the core's connection check in a worker and show its report.

The check (``app.info``, ``user.admin``, ``scope``; see :mod:`b24admin.core.diagnostics`) runs
off the GUI thread. The report opens in a small non-modal dialog (objectName
``connectionReport``) with one ✓/✗ line per finding; a failure (network, keyring, refused
credentials) goes to the error dialog through the :class:`~b24admin.gui.dialogs.Dialogs` seam.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.errors import B24Error
from b24admin.gui.widget_builders import selectable_label
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.diagnostics import ConnectionReport
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile
    from b24admin.gui.dialogs import Dialogs
    from b24admin.gui.portal_clients import ClientFactory

_MARKS: dict[bool | None, tuple[str, str]] = {
    True: ("✓", "#2e8b3a"),
    False: ("✗", "#d0453a"),
    None: ("•", ""),
}


class ConnectionReportDialog(QDialog):
    """The report of one connection check, one marked line per finding (non-modal)."""

    def __init__(self, profile_name: str, report: ConnectionReport, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionReport")
        self.setModal(False)
        self.setWindowTitle(self.tr("Connection: %1").replace("%1", profile_name))
        self.setMinimumWidth(520)
        self.report = report

        headline = QLabel(self)
        headline.setObjectName("connectionVerdict")
        headline.setWordWrap(True)
        headline.setTextFormat(Qt.TextFormat.PlainText)
        if report.ready:
            headline.setText(self.tr("This profile is ready to register widgets."))
        else:
            headline.setText(self.tr("Before widgets can be registered and seen:"))
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.line_labels: list[QLabel] = []
        for row, line in enumerate(report.entries()):
            mark_text, colour = _MARKS[line.ok]
            mark = QLabel(mark_text, self)
            if colour:
                mark.setStyleSheet(f"color: {colour}; font-weight: bold;")
            text = selectable_label(self, line.text, object_name=f"reportLine{row}")
            text.setAccessibleName(f"{mark_text} {line.text}")
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.line_labels.append(text)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeReportButton")
        close.setAccessibleName(self.tr("Close the report"))
        close.setToolTip(self.tr("Close the report"))
        copy = QPushButton(self.tr("&Copy report"), self)
        copy.setObjectName("copyReportButton")
        copy.setAccessibleName(self.tr("Copy the report"))
        copy.setToolTip(self.tr("Copy the report as text, e.g. for a support request"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def text(self) -> str:
        """The report as plain text, one marked line per finding."""
        return "\n".join(self.report.lines())

    @Slot()
    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


class _CheckOutcome(QObject):
    """Receives one check's outcome in the GUI thread; dies with ``parent`` (no late callbacks
    into a closed window)."""

    def __init__(
        self,
        parent: QWidget | None,
        profile: Profile,
        dialogs: Dialogs | None,
        on_report: Callable[[ConnectionReport], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_report = on_report
        self._parent = parent
        self._profile = profile
        self._dialogs = dialogs

    @Slot(object)
    def succeeded(self, report: ConnectionReport) -> None:
        if self._on_report is not None:
            self._on_report(report)
        if self._parent is not None:  # one report at a time: an older one is out of date
            for older in self._parent.findChildren(ConnectionReportDialog):
                older.close()
        dialog = ConnectionReportDialog(self._profile.name, report, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    @Slot(object)
    def failed(self, error: B24Error) -> None:
        dialogs = self._dialogs
        if dialogs is None:
            from b24admin.gui.dialogs import Dialogs

            dialogs = Dialogs(self)
        dialogs.error(self._parent, error)

    @Slot()
    def finished(self) -> None:
        self.deleteLater()


def run_connection_check(
    parent: QWidget | None,
    runner: JobRunner,
    client_factory: ClientFactory,
    service: ProfileService,
    profile: Profile,
    dialogs: Dialogs | None = None,
    on_finished: Callable[[], None] | None = None,
    on_report: Callable[[ConnectionReport], None] | None = None,
) -> None:
    """Check ``profile``'s connection in a worker and show the report (or the error dialog).

    ``on_finished`` runs in the GUI thread after either outcome (e.g. to re-enable a button);
    ``on_report`` with the report before it is shown (the window keeps the granted scopes).
    """

    def check() -> Any:  # runs in a worker: keyring and network
        from b24admin.core.diagnostics import check_connection

        with client_factory(profile, service) as client:
            return check_connection(client, auth_kind=profile.auth)

    outcome = _CheckOutcome(parent, profile, dialogs, on_report)
    signals = runner.submit(check, outcome.succeeded, outcome.failed)
    signals.finished.connect(outcome.finished)
    if on_finished is not None:
        signals.finished.connect(on_finished)
